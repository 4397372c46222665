package dev.orbitar.promptlab.worker.refining.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(20), Duration.ofSeconds(1),
            Duration.ofSeconds(8), () -> 0.999);

    @Test
    void backoffDoublesUpToMax() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(999));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(1998));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(3996));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofMillis(7992));
        assertThat(policy.backoff(9)).isEqualTo(Duration.ofMillis(7992));
    }

    @Test
    void backoffFullJitterStartsAtZero() {
        RetryPolicy noJitter = new RetryPolicy(4, Duration.ofSeconds(20), Duration.ofSeconds(1),
                Duration.ofSeconds(8), () -> 0.0);

        assertThat(noJitter.backoff(3)).isEqualTo(Duration.ZERO);
    }

    @Test
    void attemptsBounded() {
        RetryPolicy.Decision decision = policy.next(4, Duration.ZERO, Optional.empty());

        assertThat(decision.retry()).isFalse();
        assertThat(decision.giveUpReason()).isEqualTo(RetryPolicy.GiveUpReason.ATTEMPTS_EXHAUSTED);
    }

    @Test
    void waitBudgetBounded() {
        RetryPolicy.Decision decision = policy.next(2, Duration.ofSeconds(19), Optional.empty());

        assertThat(decision.giveUpReason()).isEqualTo(RetryPolicy.GiveUpReason.WAIT_BUDGET_EXHAUSTED);
    }

    @Test
    void retryAfterUsedWithinCap() {
        RetryPolicy.Decision decision = policy.next(1, Duration.ZERO, Optional.of(Duration.ofSeconds(15)));

        assertThat(decision.delay()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void retryAfterBeyondCapGivesUp() {
        RetryPolicy.Decision decision = policy.next(1, Duration.ZERO, Optional.of(Duration.ofSeconds(21)));

        assertThat(decision.giveUpReason()).isEqualTo(RetryPolicy.GiveUpReason.RETRY_AFTER_BEYOND_CAP);
    }

    @Test
    void retryAfterBeyondCapReportedOnLastAttempt() {
        RetryPolicy.Decision decision = policy.next(4, Duration.ZERO, Optional.of(Duration.ofHours(1)));

        assertThat(decision.giveUpReason()).isEqualTo(RetryPolicy.GiveUpReason.RETRY_AFTER_BEYOND_CAP);
    }
}
