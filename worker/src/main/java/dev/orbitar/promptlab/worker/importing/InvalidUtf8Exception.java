package dev.orbitar.promptlab.worker.importing;

import java.io.IOException;

/** Bytes that are not UTF-8, found on a known line of the file. */
final class InvalidUtf8Exception extends IOException {

    private final long line;

    InvalidUtf8Exception(long line) {
        super("invalid UTF-8 on line " + line);
        this.line = line;
    }

    long line() {
        return line;
    }
}
