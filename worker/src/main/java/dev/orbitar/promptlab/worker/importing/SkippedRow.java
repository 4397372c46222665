package dev.orbitar.promptlab.worker.importing;

/**
 * A record of the file that was not imported.
 *
 * @param line the physical line where the record starts, counting from 1
 * @param reason why it was skipped, in one line
 */
public record SkippedRow(long line, String reason) {

    @Override
    public String toString() {
        return "line " + line + ": skipped, " + reason;
    }
}
