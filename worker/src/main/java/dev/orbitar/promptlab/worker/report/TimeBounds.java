package dev.orbitar.promptlab.worker.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the report's time window bounds. Accepted: a span back from now ({@code 7d}, {@code 12h},
 * {@code 30m}, {@code 2w}, or ISO-8601 such as {@code PT36H}), a date ({@code 2025-03-01}, a whole UTC day), a
 * date-time with offset ({@code 2025-03-01T12:00:00+02:00}) or without one (taken as UTC).
 */
public final class TimeBounds {

    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})([mhdw])");

    private TimeBounds() {
    }

    /** Returns the inclusive start: a date means the start of that UTC day. */
    public static Instant parseSince(String text, Clock clock) {
        return parse(text, clock, false);
    }

    /** Returns the exclusive end: a date means the end of that UTC day, so the day itself is included. */
    public static Instant parseUntil(String text, Clock clock) {
        return parse(text, clock, true);
    }

    private static Instant parse(String text, Clock clock, boolean endOfDay) {
        String value = text.trim();

        Matcher span = SPAN.matcher(value);
        if (span.matches()) {
            long amount = Long.parseLong(span.group(1));
            Duration unit = switch (span.group(2)) {
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return clock.instant().minus(unit.multipliedBy(amount));
        }

        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return clock.instant().minus(Duration.parse(value));
            }
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (hasOffset(value)) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "expected a date (2025-03-01), a date-time (2025-03-01T12:00:00Z) or a span back from now"
                            + " (30m, 12h, 7d, 2w, PT36H)");
        }
    }

    private static boolean hasOffset(String value) {
        int time = value.indexOf('T');
        if (time < 0) {
            return false;
        }
        String clockPart = value.substring(time);
        return clockPart.endsWith("Z") || clockPart.contains("+")
                || clockPart.contains("-");
    }
}
