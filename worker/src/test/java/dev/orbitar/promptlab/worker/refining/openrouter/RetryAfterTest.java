package dev.orbitar.promptlab.worker.refining.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2030-03-04T05:06:07Z");

    @Test
    void secondsRead() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    }

    @Test
    void secondsTrimmed() {
        assertThat(RetryAfter.parse(" 3 ", NOW)).contains(Duration.ofSeconds(3));
    }

    @Test
    void httpDateRead() {
        assertThat(RetryAfter.parse("Mon, 04 Mar 2030 05:06:37 GMT", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void pastHttpDateIsZero() {
        assertThat(RetryAfter.parse("Mon, 04 Mar 2030 05:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void hugeSecondsClamped() {
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).contains(Duration.ofSeconds(999_999_999_999L));
    }

    @Test
    void absentIsEmpty() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "-1", "-0.5", "soon", "", "1e3", "0x10", "Monday"})
    void invalidIgnored(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isEqualTo(Optional.empty());
    }
}
