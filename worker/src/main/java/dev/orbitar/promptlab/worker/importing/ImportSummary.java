package dev.orbitar.promptlab.worker.importing;

/**
 * The counts of one import. {@code read} is the sum of the other three.
 *
 * @param read records read from the file, the header and blank lines excluded
 * @param inserted rows added to the table
 * @param alreadyPresent valid rows whose id was already in the table (imported before, or repeated in the file)
 * @param skipped records not imported because they are invalid
 */
public record ImportSummary(long read, long inserted, long alreadyPresent, long skipped) {

    @Override
    public String toString() {
        return "read " + read + ", inserted " + inserted + ", already present " + alreadyPresent + ", skipped "
                + skipped;
    }
}
