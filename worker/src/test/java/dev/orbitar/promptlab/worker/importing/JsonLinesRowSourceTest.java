package dev.orbitar.promptlab.worker.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesRowSourceTest {

    private static List<RowDraft> read(String jsonLines, int maxLineChars) throws IOException {
        List<RowDraft> drafts = new ArrayList<>();
        byte[] bytes = jsonLines.getBytes(StandardCharsets.UTF_8);
        try (JsonLinesRowSource source = new JsonLinesRowSource(
                new LineCountingInput(new ByteArrayInputStream(bytes)), maxLineChars)) {
            RowDraft draft;
            while ((draft = source.next()) != null) {
                drafts.add(draft);
            }
        }
        return drafts;
    }

    @Test
    void overlongLineSkippedAlone() throws IOException {
        String longLine = "{\"text\":\"" + "x".repeat(100) + "\"}";

        List<RowDraft> drafts = read("{\"text\":\"a\"}\n" + longLine + "\n{\"text\":\"b\"}\n", 50);

        assertThat(drafts).hasSize(3);
        assertThat(drafts.get(1).problem()).isEqualTo("the line is longer than 50 characters");
        assertThat(drafts.get(2).text()).isEqualTo("b");
        assertThat(drafts.get(2).line()).isEqualTo(3);
    }

    @Test
    void lineBreakStylesCounted() throws IOException {
        List<RowDraft> drafts = read("{\"text\":\"a\"}\r\n  \r{\"text\":\"b\"}\n\n{\"text\":\"c\"}", 1_000);

        assertThat(drafts).extracting(RowDraft::line).containsExactly(1L, 3L, 5L);
    }

    @Test
    void escapedLineBreaksStayInText() throws IOException {
        List<RowDraft> drafts = read("{\"text\":\"one\\r\\ntwo \\\"q\\\" \\u00e9\"}\n", 1_000);

        assertThat(drafts.get(0).text()).isEqualTo("one\r\ntwo \"q\" é");
    }

    @Test
    void duplicateKeyRejected() throws IOException {
        List<RowDraft> drafts = read("{\"text\":\"a\",\"text\":\"b\"}\n", 1_000);

        assertThat(drafts.get(0).problem()).contains("Duplicate field 'text'");
    }
}
