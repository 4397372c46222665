package dev.orbitar.promptlab.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idIsLowercaseLettersAndDigits() {
        assertThat(Ids.next()).matches("c[0-9a-z]{24}");
    }

    @Test
    void idHasFixedLength() {
        assertThat(Ids.next()).hasSize(Ids.LENGTH);
    }

    @Test
    void idsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            ids.add(Ids.next());
        }

        assertThat(ids).hasSize(200_000);
    }

    @Test
    void idsAreUniqueAcrossThreads() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 100_000).parallel().forEach(i -> ids.add(Ids.next()));

        assertThat(ids).hasSize(100_000);
    }

    @Test
    void laterIdsSortAfter() throws InterruptedException {
        String first = Ids.next();
        Thread.sleep(2);

        assertThat(Ids.next()).isGreaterThan(first);
    }

    @Test
    void idsFromOneThreadMostlyAscend() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Ids.next());
        }
        long descents = IntStream.range(1, ids.size()).filter(i -> ids.get(i).compareTo(ids.get(i - 1)) < 0).count();

        // The counter wraps once every 1.68 million ids, so at most one step in 1000 goes down.
        assertThat(descents).isLessThanOrEqualTo(1);
    }
}
