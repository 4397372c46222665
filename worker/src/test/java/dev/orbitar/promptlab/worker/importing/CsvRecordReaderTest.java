package dev.orbitar.promptlab.worker.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.worker.importing.CsvRecordReader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static List<CsvRecord> read(String csv, int maxRecordChars) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        LineCountingInput input = new LineCountingInput(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        try (CsvRecordReader reader = new CsvRecordReader(input, maxRecordChars)) {
            CsvRecord record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
        }
        return records;
    }

    private static List<CsvRecord> read(String csv) throws IOException {
        return read(csv, 1_000);
    }

    @Test
    void plainFields() throws IOException {
        List<CsvRecord> records = read("a,b,c\n1,2,3\n");

        assertThat(records).extracting(CsvRecord::values)
                .containsExactly(List.of("a", "b", "c"), List.of("1", "2", "3"));
    }

    @Test
    void quotedFieldKeepsBreaksCommasQuotes() throws IOException {
        List<CsvRecord> records = read("\"x, \"\"y\"\"\r\nz\n\",2\n");

        assertThat(records.get(0).values()).containsExactly("x, \"y\"\r\nz\n", "2");
    }

    @Test
    void startLinesCountPhysicalLines() throws IOException {
        List<CsvRecord> records = read("h\r\n\"one\ntwo\nthree\"\r\n\r\nnext\rlast");

        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 6L, 7L);
    }

    @Test
    void emptyFieldsKept() throws IOException {
        List<CsvRecord> records = read(",\"\",\n");

        assertThat(records.get(0).values()).containsExactly("", "", "");
    }

    @Test
    void lastRecordWithoutLineBreak() throws IOException {
        List<CsvRecord> records = read("a,\"b\"");

        assertThat(records.get(0).values()).containsExactly("a", "b");
    }

    @Test
    void quoteInUnquotedFieldResumesNextLine() throws IOException {
        List<CsvRecord> records = read("a,b\"c,d\ngood,row\n");

        assertThat(records.get(0).problem()).contains("inside an unquoted field");
        assertThat(records.get(1).values()).containsExactly("good", "row");
        assertThat(records.get(1).line()).isEqualTo(2);
    }

    @Test
    void textAfterClosingQuoteResumesNextLine() throws IOException {
        List<CsvRecord> records = read("\"a\"b,c\r\ngood,row\r\n");

        assertThat(records.get(0).problem()).contains("follows a closing quote");
        assertThat(records.get(1).values()).containsExactly("good", "row");
    }

    @Test
    void unclosedQuoteReachesEnd() throws IOException {
        List<CsvRecord> records = read("ok\n\"never closed\nmore\n");

        assertThat(records).hasSize(2);
        assertThat(records.get(1).problem()).contains("not closed before the end of the file");
        assertThat(records.get(1).line()).isEqualTo(2);
    }

    @Test
    void overlongRecordSkippedWhole() throws IOException {
        String longField = "\"" + "x".repeat(50) + "\n" + "y".repeat(50) + "\"";

        List<CsvRecord> records = read("short\n" + longField + ",z\nafter\n", 60);

        assertThat(records).hasSize(3);
        assertThat(records.get(1).problem()).contains("longer than 60 characters");
        assertThat(records.get(2).values()).containsExactly("after");
        assertThat(records.get(2).line()).isEqualTo(4);
    }

    @Test
    void byteOrderMarkDropped() throws IOException {
        List<CsvRecord> records = read("\uFEFFprompt\n");

        assertThat(records.get(0).values()).containsExactly("prompt");
    }

    @Test
    void fieldsSpanBufferBoundaries() throws IOException {
        String big = "é😀\r\n".repeat(40_000);

        List<CsvRecord> records = read("\"" + big + "\",end\r\nnext\r\n", 1_000_000);

        assertThat(records.get(0).values()).containsExactly(big, "end");
        assertThat(records.get(1).line()).isEqualTo(40_002);
    }
}
