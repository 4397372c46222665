package dev.orbitar.promptlab.worker.http;

import dev.orbitar.promptlab.worker.batch.BatchSummary;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Remembers the CloudEvents this process has accepted, so a redelivery (same source and id) within the window
 * runs no second batch. Bounded: past {@code capacity} entries the oldest is forgotten. An event whose batch
 * failed is forgotten at once, so the sender's retry runs the batch again.
 */
final class RedeliveryCache {

    /** State of an event when {@link #claim} looks it up. */
    enum State { NEW, RUNNING, DONE }

    /** The result of a claim: the state, and the summary when the first delivery's batch has finished. */
    record Claim(State state, BatchSummary summary) {
    }

    private final long windowNanos;
    private final int capacity;
    private final LongSupplier nanoClock;
    // Insertion order is time order: an entry is re-inserted whenever its timestamp changes.
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    RedeliveryCache(Duration window, int capacity, LongSupplier nanoClock) {
        this.windowNanos = window.toNanos();
        this.capacity = capacity;
        this.nanoClock = nanoClock;
    }

    /**
     * Returns the state of the event. An unknown event is recorded as running, so that a concurrent redelivery
     * finds it. A caller that gets {@code NEW} must later call {@link #complete} or {@link #forget}.
     */
    synchronized Claim claim(String key) {
        long now = nanoClock.getAsLong();
        evictExpired(now);

        Entry entry = entries.get(key);
        if (entry != null) {
            return new Claim(entry.summary == null ? State.RUNNING : State.DONE, entry.summary);
        }
        if (windowNanos == 0) {
            return new Claim(State.NEW, null);
        }

        put(key, new Entry(now, null));
        return new Claim(State.NEW, null);
    }

    /** Records that the event's batch finished; the window starts again from now. */
    synchronized void complete(String key, BatchSummary summary) {
        if (windowNanos == 0) {
            return;
        }
        entries.remove(key);
        put(key, new Entry(nanoClock.getAsLong(), summary));
    }

    /** Forgets the event, so its next delivery runs a batch. */
    synchronized void forget(String key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }

    private void put(String key, Entry entry) {
        entries.put(key, entry);
        if (entries.size() > capacity) {
            Iterator<String> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void evictExpired(long now) {
        Iterator<Map.Entry<String, Entry>> iterator = entries.entrySet().iterator();
        while (iterator.hasNext()) {
            Entry entry = iterator.next().getValue();
            if (now - entry.recordedAt < windowNanos) {
                return;
            }
            // A running batch keeps its entry however long it runs; its completion restarts the window.
            if (entry.summary != null) {
                iterator.remove();
            }
        }
    }

    private record Entry(long recordedAt, BatchSummary summary) {
    }
}
