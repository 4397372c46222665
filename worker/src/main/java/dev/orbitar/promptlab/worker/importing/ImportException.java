package dev.orbitar.promptlab.worker.importing;

/**
 * An import that stopped before the end of the file: unreadable input or a failed database write. Batches committed
 * before the failure stay, and running the same import again after the fix inserts only what is missing.
 */
public class ImportException extends RuntimeException {

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }

    public ImportException(String message) {
        super(message);
    }
}
