package dev.orbitar.promptlab.worker.refining.openrouter;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a {@code Retry-After} header (RFC 9110 section 10.2.3): a non-negative whole number of seconds, or an
 * HTTP date. Anything else (fractions, negative numbers, junk) is ignored, so the caller falls back to backoff.
 */
public final class RetryAfter {

    private static final Pattern DELAY_SECONDS = Pattern.compile("\\d+");
    // Longer than any cap; larger values are clamped here instead of overflowing.
    private static final long MAX_SECONDS = 999_999_999_999L;

    private RetryAfter() {
    }

    /** Returns the wait the header requests, zero for a date in the past, or empty when absent or not valid. */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (DELAY_SECONDS.matcher(value).matches()) {
            long seconds = value.length() > 12 ? MAX_SECONDS : Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(seconds));
        }
        try {
            // RFC_1123_DATE_TIME reads IMF-fixdate, the form RFC 9110 requires senders to use.
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
