package dev.orbitar.promptlab.worker.refining.openrouter;

import java.time.Duration;
import java.time.Instant;

/** Wall clock, monotonic clock and sleeping in one place, so tests can replace real waiting with a fake. */
public interface TimeSource {

    /** The system clocks and {@link Thread#sleep}. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        }
    };

    /** Returns the current wall-clock time, used to read HTTP dates. */
    Instant now();

    /** Returns a monotonic reading in nanoseconds, used for elapsed time and rate limiting. */
    long nanoTime();

    /** Blocks the calling thread for the duration. */
    void sleep(Duration duration) throws InterruptedException;
}
