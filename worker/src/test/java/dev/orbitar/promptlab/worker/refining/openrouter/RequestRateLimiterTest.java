package dev.orbitar.promptlab.worker.refining.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

    @Test
    void burstSpacedEvenly() throws Exception {
        FakeTime time = new FakeTime();
        RequestRateLimiter limiter = new RequestRateLimiter(60, time);

        limiter.acquire();
        limiter.acquire();
        limiter.acquire();

        // The fake clock moves on as each caller sleeps, so each waits one interval after the previous one.
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void idleTimeNotBanked() throws Exception {
        FakeTime time = new FakeTime();
        RequestRateLimiter limiter = new RequestRateLimiter(60, time);

        limiter.acquire();
        time.sleep(Duration.ofSeconds(10));
        limiter.acquire();
        limiter.acquire();

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(1));
    }
}
