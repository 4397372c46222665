package dev.orbitar.promptlab.worker.store;

/** The database could not be reached. The message names host, port and database, never the password. */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
