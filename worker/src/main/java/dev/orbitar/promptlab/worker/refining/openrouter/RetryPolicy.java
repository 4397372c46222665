package dev.orbitar.promptlab.worker.refining.openrouter;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Decides whether a transient failure is retried and how long to wait first: exponential backoff with full
 * jitter, or the provider's {@code Retry-After}, bounded by a number of attempts and a total waiting time.
 * It is the only retry layer: OkHttp's own connection retry is off, so every attempt is one request sent.
 */
public final class RetryPolicy {

    /** The reason no further attempt is made. */
    public enum GiveUpReason {
        ATTEMPTS_EXHAUSTED,
        WAIT_BUDGET_EXHAUSTED,
        RETRY_AFTER_BEYOND_CAP
    }

    /** The outcome of one decision: retry after a delay, or give up for a reason. */
    public record Decision(Duration delay, GiveUpReason giveUpReason) {

        static Decision retryAfter(Duration delay) {
            return new Decision(delay, null);
        }

        static Decision giveUp(GiveUpReason reason) {
            return new Decision(null, reason);
        }

        public boolean retry() {
            return giveUpReason == null;
        }
    }

    private final int maxAttempts;
    private final Duration maxTotalWait;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final DoubleSupplier random;

    /**
     * @param maxAttempts attempts made at most, the first included
     * @param maxTotalWait the total waiting allowed between attempts, and the largest Retry-After honoured
     * @param baseDelay the backoff ceiling after the first failure, doubled after each further failure
     * @param maxDelay the largest backoff ceiling
     * @param random uniform values in [0, 1) for the jitter
     */
    public RetryPolicy(int maxAttempts, Duration maxTotalWait, Duration baseDelay, Duration maxDelay,
            DoubleSupplier random) {
        this.maxAttempts = maxAttempts;
        this.maxTotalWait = maxTotalWait;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.random = random;
    }

    /** Builds the policy of the settings: 1 s base, 30 s largest backoff, random jitter. */
    public static RetryPolicy from(OpenRouterSettings settings) {
        return new RetryPolicy(settings.maxAttempts(), settings.retryMaxWait(), Duration.ofSeconds(1),
                Duration.ofSeconds(30), () -> ThreadLocalRandom.current().nextDouble());
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration maxTotalWait() {
        return maxTotalWait;
    }

    /**
     * Decides what follows a transient failure.
     *
     * @param attemptsMade attempts made so far, at least 1
     * @param waitedSoFar time already spent waiting between earlier attempts
     * @param retryAfter the provider's valid Retry-After, if any
     */
    public Decision next(int attemptsMade, Duration waitedSoFar, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent() && retryAfter.get().compareTo(maxTotalWait) > 0) {
            return Decision.giveUp(GiveUpReason.RETRY_AFTER_BEYOND_CAP);
        }
        if (attemptsMade >= maxAttempts) {
            return Decision.giveUp(GiveUpReason.ATTEMPTS_EXHAUSTED);
        }

        Duration delay = retryAfter.orElseGet(() -> backoff(attemptsMade));
        if (waitedSoFar.plus(delay).compareTo(maxTotalWait) > 0) {
            return Decision.giveUp(GiveUpReason.WAIT_BUDGET_EXHAUSTED);
        }
        return Decision.retryAfter(delay);
    }

    /** Returns a full-jitter backoff: uniform in [0, min(maxDelay, baseDelay * 2^(attemptsMade - 1))). */
    Duration backoff(int attemptsMade) {
        int doublings = Math.min(Math.max(attemptsMade - 1, 0), 30);
        long ceilingMillis = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << doublings);
        return Duration.ofMillis((long) (random.getAsDouble() * ceilingMillis));
    }
}
