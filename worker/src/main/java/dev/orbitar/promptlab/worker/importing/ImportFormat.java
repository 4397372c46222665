package dev.orbitar.promptlab.worker.importing;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats the importer reads. */
public enum ImportFormat {
    /** RFC 4180 CSV with a header record. */
    CSV,
    /** JSON Lines: one JSON object per line. */
    JSONL;

    /**
     * Parses a {@code --format} value: {@code csv}, {@code jsonl} or its alias {@code ndjson}, in any case.
     *
     * @return the format, or null when the value is not accepted
     */
    public static ImportFormat parseOrNull(String value) {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "csv":
                return CSV;
            case "jsonl":
            case "ndjson":
                return JSONL;
            default:
                return null;
        }
    }

    /**
     * Returns the format named by a file's extension ({@code .csv}, {@code .jsonl} or {@code .ndjson}, in any case).
     *
     * @return the format, or null when the extension names none
     */
    public static ImportFormat fromFileName(Path file) {
        Path fileName = file.getFileName();
        if (fileName == null) {
            return null;
        }
        String name = fileName.toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        return parseOrNull(name.substring(dot + 1));
    }
}
