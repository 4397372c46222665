package dev.orbitar.promptlab.worker.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.worker.picking.TaskKind;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowIdsTest {

    @Test
    void sameInputSameId() {
        assertThat(RowIds.of(TaskKind.SAMPLE, "Write a poem")).isEqualTo(RowIds.of(TaskKind.SAMPLE, "Write a poem"));
    }

    @Test
    void idIsShortAndUrlSafe() {
        String id = RowIds.of(TaskKind.SAMPLE, "Ünïcödé text 😀");

        assertThat(id).hasSize(25);
        assertThat(id).startsWith(RowIds.PREFIX);
        assertThat(id).matches("[a-z0-9]+");
    }

    @Test
    void kindChangesId() {
        assertThat(RowIds.of(TaskKind.SAMPLE, "Write a poem"))
                .isNotEqualTo(RowIds.of(TaskKind.SYNTHETIC, "Write a poem"));
    }

    @Test
    void whitespaceChangesId() {
        assertThat(RowIds.of(TaskKind.SAMPLE, "Write a poem"))
                .isNotEqualTo(RowIds.of(TaskKind.SAMPLE, "Write a poem "));
    }

    @Test
    void knownValueStaysStable() {
        // A changed derivation would make the next import duplicate every row imported before it. The expected
        // value is SHA-256 of "sample", NUL, "Write a poem", first 110 bits in base32hex, computed outside Java.
        assertThat(RowIds.of(TaskKind.SAMPLE, "Write a poem")).isEqualTo("impfbvmd3f3rs6qtjpn532gor");
    }

    @Test
    void distinctTextsDistinctIds() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(RowIds.of(TaskKind.SAMPLE, "prompt " + i));
        }

        assertThat(ids).hasSize(100_000);
    }
}
