package dev.orbitar.promptlab.worker.report;

import java.util.Locale;

/** Output format of the report on standard output. */
public enum ReportFormat {
    TABLE,
    CSV,
    JSON;

    /**
     * Parses a format name, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ReportFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected table, csv or json");
        }
    }
}
