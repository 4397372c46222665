package dev.orbitar.promptlab.worker.refining.openrouter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that sleeps by moving itself forward, recording each sleep, so no test waits for real backoff. */
final class FakeTime implements TimeSource {

    static final Instant START = Instant.parse("2030-03-04T05:06:07Z");

    private final AtomicLong offsetNanos = new AtomicLong();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public Instant now() {
        return START.plusNanos(offsetNanos.get());
    }

    @Override
    public long nanoTime() {
        return offsetNanos.get();
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        offsetNanos.addAndGet(duration.toNanos());
    }

    List<Duration> sleeps() {
        return sleeps;
    }
}
