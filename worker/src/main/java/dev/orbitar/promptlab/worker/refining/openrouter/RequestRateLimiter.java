package dev.orbitar.promptlab.worker.refining.openrouter;

import java.time.Duration;

/**
 * Spaces requests evenly so that at most a given number start per minute, across every thread that shares the
 * limiter. Each caller reserves the next free slot under a lock and sleeps outside it, so waiting callers do not
 * block each other's reservations.
 */
public final class RequestRateLimiter {

    private final long intervalNanos;
    private final TimeSource time;
    private long nextSlotNanos;
    private boolean started;

    public RequestRateLimiter(int requestsPerMinute, TimeSource time) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1, got " + requestsPerMinute);
        }
        this.intervalNanos = Duration.ofMinutes(1).toNanos() / requestsPerMinute;
        this.time = time;
    }

    /** Blocks until the caller may send its request. */
    public void acquire() throws InterruptedException {
        long waitNanos = reserve();
        if (waitNanos > 0) {
            time.sleep(Duration.ofNanos(waitNanos));
        }
    }

    private synchronized long reserve() {
        long now = time.nanoTime();
        long slot = started ? Math.max(now, nextSlotNanos) : now;
        started = true;
        nextSlotNanos = slot + intervalNanos;
        return slot - now;
    }
}
