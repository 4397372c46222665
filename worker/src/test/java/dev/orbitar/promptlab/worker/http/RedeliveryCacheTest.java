package dev.orbitar.promptlab.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.worker.batch.BatchSummary;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RedeliveryCacheTest {

    private static final BatchSummary SUMMARY = new BatchSummary("b-1", 2, 2, 2, 0, 0, null, null);

    private final AtomicLong now = new AtomicLong();
    private final RedeliveryCache cache = new RedeliveryCache(Duration.ofMinutes(10), 3, now::get);

    @Test
    void firstDeliveryIsNew() {
        assertThat(cache.claim("a").state()).isEqualTo(RedeliveryCache.State.NEW);
    }

    @Test
    void claimedEventIsRunning() {
        cache.claim("a");

        assertThat(cache.claim("a").state()).isEqualTo(RedeliveryCache.State.RUNNING);
    }

    @Test
    void completedEventIsDone() {
        cache.claim("a");
        cache.complete("a", SUMMARY);

        RedeliveryCache.Claim claim = cache.claim("a");

        assertThat(claim.state()).isEqualTo(RedeliveryCache.State.DONE);
        assertThat(claim.summary()).isEqualTo(SUMMARY);
    }

    @Test
    void windowExpires() {
        cache.claim("a");
        cache.complete("a", SUMMARY);
        now.addAndGet(Duration.ofMinutes(10).toNanos());

        assertThat(cache.claim("a").state()).isEqualTo(RedeliveryCache.State.NEW);
    }

    @Test
    void windowStartsAtCompletion() {
        cache.claim("a");
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        cache.complete("a", SUMMARY);
        now.addAndGet(Duration.ofMinutes(9).toNanos());

        assertThat(cache.claim("a").state()).isEqualTo(RedeliveryCache.State.DONE);
    }

    @Test
    void runningEventOutlivesWindow() {
        cache.claim("a");
        now.addAndGet(Duration.ofMinutes(30).toNanos());

        assertThat(cache.claim("a").state()).isEqualTo(RedeliveryCache.State.RUNNING);
    }

    @Test
    void forgottenEventIsNew() {
        cache.claim("a");
        cache.forget("a");

        assertThat(cache.claim("a").state()).isEqualTo(RedeliveryCache.State.NEW);
    }

    @Test
    void capacityDropsOldest() {
        for (String key : new String[] {"a", "b", "c", "d"}) {
            cache.claim(key);
            cache.complete(key, SUMMARY);
        }

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.claim("a").state()).isEqualTo(RedeliveryCache.State.NEW);
    }

    @Test
    void zeroWindowRemembersNothing() {
        RedeliveryCache off = new RedeliveryCache(Duration.ZERO, 3, now::get);
        off.claim("a");
        off.complete("a", SUMMARY);

        assertThat(off.claim("a").state()).isEqualTo(RedeliveryCache.State.NEW);
    }
}
