package dev.orbitar.promptlab.worker.importing;

import java.io.Closeable;
import java.io.IOException;

/** Reads a file one record at a time, so memory use depends on the record and not on the file's size. */
interface RowSource extends Closeable {

    /** Returns the next record, or null at the end of the file. */
    RowDraft next() throws IOException;
}
