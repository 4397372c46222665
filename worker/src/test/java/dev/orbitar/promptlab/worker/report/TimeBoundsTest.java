package dev.orbitar.promptlab.worker.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeBoundsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-09T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void sinceDateIsStartOfUtcDay() {
        assertThat(TimeBounds.parseSince("2025-03-02", CLOCK)).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
    }

    @Test
    void untilDateIncludesTheDay() {
        assertThat(TimeBounds.parseUntil("2025-03-02", CLOCK)).isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
    }

    @Test
    void spanInDays() {
        assertThat(TimeBounds.parseSince("7d", CLOCK)).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
    }

    @Test
    void spanInHoursMinutesAndWeeks() {
        assertThat(TimeBounds.parseSince("12h", CLOCK)).isEqualTo(Instant.parse("2025-03-08T12:00:00Z"));
        assertThat(TimeBounds.parseSince("30m", CLOCK)).isEqualTo(Instant.parse("2025-03-08T23:30:00Z"));
        assertThat(TimeBounds.parseSince("1w", CLOCK)).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
    }

    @Test
    void isoDuration() {
        assertThat(TimeBounds.parseSince("PT36H", CLOCK)).isEqualTo(Instant.parse("2025-03-07T12:00:00Z"));
    }

    @Test
    void dateTimeWithOffset() {
        assertThat(TimeBounds.parseSince("2025-03-02T12:00:00+02:00", CLOCK))
                .isEqualTo(Instant.parse("2025-03-02T10:00:00Z"));
    }

    @Test
    void dateTimeWithoutOffsetIsUtc() {
        assertThat(TimeBounds.parseUntil("2025-03-02T12:00", CLOCK)).isEqualTo(Instant.parse("2025-03-02T12:00:00Z"));
    }

    @Test
    void invalidValueNamesAcceptedForms() {
        assertThatThrownBy(() -> TimeBounds.parseSince("last week", CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7d");
    }
}
