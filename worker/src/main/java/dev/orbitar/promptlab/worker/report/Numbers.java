package dev.orbitar.promptlab.worker.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Formats the report's numbers the same way in tables, CSV and charts, so tests can find them by text. */
final class Numbers {

    private Numbers() {
    }

    /** Returns a score-like value with three decimals, or "" for null. */
    static String score(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Returns a difference with its sign and three decimals, or "" for null. */
    static String signed(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%+.3f", value);
    }

    /** Returns a t statistic with three decimals, or "" for null. */
    static String statistic(Double value) {
        return score(value);
    }

    /** Returns a p-value with three decimals, written {@code <0.001} when smaller, or "" for null. */
    static String pValue(Double value) {
        if (value == null) {
            return "";
        }
        return value < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Returns a rate as a percentage with one decimal, or "" for null. */
    static String percent(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.1f%%", value * 100);
    }

    /** Returns milliseconds without trailing zeros (1050, 1050.5), or "" for null. */
    static String millis(Double value) {
        return value == null ? "" : plain(value);
    }

    /** Returns a US dollar amount in plain notation, or "" for null. */
    static String usd(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    /** Returns an instant to the second in ISO-8601 UTC, or "" for null. */
    static String instant(Instant value) {
        return value == null ? "" : value.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Returns a double in plain notation with every digit Java keeps (no exponent), or "" for null. */
    static String plain(Double value) {
        if (value == null) {
            return "";
        }
        String text = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    /** Returns an integer as text, or "" for null. */
    static String integer(Integer value) {
        return value == null ? "" : value.toString();
    }
}
