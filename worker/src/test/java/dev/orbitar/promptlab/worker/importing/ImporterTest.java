package dev.orbitar.promptlab.worker.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.picking.TaskKind;
import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {

    private static ApplicationDatabase database;

    @TempDir
    Path dir;

    private final List<SkippedRow> skipped = new ArrayList<>();

    @BeforeAll
    static void startDatabase() throws Exception {
        database = ApplicationDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        database.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        database.emptyTables();
    }

    private Importer importer() {
        return new Importer(database.dataSource(), "public");
    }

    private ImportSummary importFile(Path file, ImportOptions options) {
        return importer().importFile(file, options, skipped::add);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void csvDefaultsFillSampleColumns() throws Exception {
        Path file = write("prompts.csv", "act,prompt,for_devs,type\n"
                + "Travel Guide,\"Suggest places to visit near me.\",FALSE,TEXT\n");

        ImportSummary summary = importFile(file, ImportOptions.defaults());

        String id = RowIds.of(TaskKind.SAMPLE, "Suggest places to visit near me.");
        assertThat(summary).isEqualTo(new ImportSummary(1, 1, 0, 0));
        assertThat(database.column("PromptSample", "source", id)).isEqualTo("import");
        assertThat(database.column("PromptSample", "plan", id)).isEqualTo("free");
        assertThat(database.column("PromptSample", "category", id)).isEqualTo("general");
        assertThat(database.column("PromptSample", "refineEventId", id)).isNull();
        assertThat(database.column("PromptSample", "templateSlug", id)).isNull();
        assertThat(database.column("PromptSample", "createdAt", id)).isNotNull();
    }

    @Test
    void csvMultiLineFieldsStayExact() throws Exception {
        String text = "First line, with a comma\r\nSecond \"quoted\" line\nÜnïcödé ✓ 😀";
        Path file = write("prompts.csv", "act,prompt\r\n"
                + "Poet,\"" + text.replace("\"", "\"\"") + "\"\r\n");

        importFile(file, ImportOptions.defaults());

        assertThat(database.column("PromptSample", "rawText", RowIds.of(TaskKind.SAMPLE, text))).isEqualTo(text);
    }

    @Test
    void secondImportAddsNothing() throws Exception {
        Path file = write("prompts.csv", "act,prompt\nA,one\nB,two\nC,three\n");
        importFile(file, ImportOptions.defaults());

        ImportSummary second = importFile(file, ImportOptions.defaults());

        assertThat(second).isEqualTo(new ImportSummary(3, 0, 3, 0));
        assertThat(database.count("PromptSample")).isEqualTo(3);
    }

    @Test
    void repeatedTextLoadsEachRow() throws Exception {
        Path file = write("prompts.csv", "act,prompt\nA,same text\nB,same text\nC,other text\n");

        ImportSummary summary = importFile(file, ImportOptions.defaults());

        assertThat(summary).isEqualTo(new ImportSummary(3, 3, 0, 0));
    }

    @Test
    void repeatedTextImportedAgainAddsNothing() throws Exception {
        Path file = write("prompts.csv", "act,prompt\nA,same text\nB,same text\nC,other text\n");
        importFile(file, ImportOptions.defaults());

        ImportSummary second = importFile(file, ImportOptions.defaults());

        assertThat(second).isEqualTo(new ImportSummary(3, 0, 3, 0));
        assertThat(database.count("PromptSample")).isEqualTo(3);
    }

    @Test
    void batchesSpanTheFile() throws Exception {
        StringBuilder csv = new StringBuilder("prompt\n");
        for (int i = 0; i < 7; i++) {
            csv.append("text number ").append(i).append('\n');
        }
        Path file = write("prompts.csv", csv.toString());

        ImportSummary summary = new Importer(database.dataSource(), "public", 3, Importer.DEFAULT_MAX_BATCH_CHARS)
                .importFile(file, ImportOptions.defaults(), skipped::add);

        assertThat(summary.inserted()).isEqualTo(7);
        assertThat(database.count("PromptSample")).isEqualTo(7);
    }

    @Test
    void longTextsEndBatchEarly() throws Exception {
        Path file = write("prompts.csv", "prompt\n" + "a".repeat(40) + "\n" + "b".repeat(40) + "\n"
                + "c".repeat(40) + "\n");
        AtomicInteger connections = new AtomicInteger();
        DataSource counting = countingConnections(database.dataSource(), connections);

        ImportSummary summary = new Importer(counting, "public", 500, 50)
                .importFile(file, ImportOptions.defaults(), skipped::add);

        assertThat(summary.inserted()).isEqualTo(3);
        assertThat(connections).as("one connection per batch: rows a+b reach 50 characters, then c").hasValue(2);
    }

    @Test
    void csvColumnsAreConfigurable() throws Exception {
        Path file = write("tasks.csv", "name,body,kind\nMail,Answer this customer,communication\n"
                + "Other,Write a haiku about rain,\n");

        importFile(file, ImportOptions.builder().textColumn("body").titleColumn("name").categoryColumn("kind")
                .build());

        assertThat(database.column("PromptSample", "category", RowIds.of(TaskKind.SAMPLE, "Answer this customer")))
                .isEqualTo("communication");
        assertThat(database.column("PromptSample", "category",
                RowIds.of(TaskKind.SAMPLE, "Write a haiku about rain"))).isEqualTo("creative");
    }

    @Test
    void categoryOptionFillsRowsWithoutOne() throws Exception {
        Path file = write("prompts.csv", "act,prompt\nStoryteller,Tell me a story\n");

        importFile(file, ImportOptions.builder().category("research").build());

        assertThat(database.column("PromptSample", "category", RowIds.of(TaskKind.SAMPLE, "Tell me a story")))
                .isEqualTo("research");
    }

    @Test
    void forDevsColumnMeansCoding() throws Exception {
        Path file = write("prompts.csv", "act,prompt,for_devs\nHelper,Help me with this,TRUE\n");

        importFile(file, ImportOptions.defaults());

        assertThat(database.column("PromptSample", "category", RowIds.of(TaskKind.SAMPLE, "Help me with this")))
                .isEqualTo("coding");
    }

    @Test
    void jsonLinesFillsOptionalFields() throws Exception {
        Path file = write("samples.jsonl", "{\"text\":\"Draft a launch e-mail\",\"category\":\"Writing\","
                + "\"source\":\"user\",\"plan\":\"pro\",\"refinedText\":\"You are a copywriter.\","
                + "\"templateSlug\":\"writing_blog_default\",\"templateVersion\":\"1.2.0\",\"extra\":1}\n");

        ImportSummary summary = importFile(file, ImportOptions.defaults());

        String id = RowIds.of(TaskKind.SAMPLE, "Draft a launch e-mail");
        assertThat(summary).isEqualTo(new ImportSummary(1, 1, 0, 0));
        assertThat(database.column("PromptSample", "category", id)).isEqualTo("writing");
        assertThat(database.column("PromptSample", "source", id)).isEqualTo("user");
        assertThat(database.column("PromptSample", "plan", id)).isEqualTo("pro");
        assertThat(database.column("PromptSample", "refinedText", id)).isEqualTo("You are a copywriter.");
        assertThat(database.column("PromptSample", "templateSlug", id)).isEqualTo("writing_blog_default");
        assertThat(database.column("PromptSample", "templateVersion", id)).isEqualTo("1.2.0");
    }

    @Test
    void jsonLinesOptionsFillMissingFields() throws Exception {
        Path file = write("samples.ndjson", "{\"text\":\"Plan my week\"}\r\n\r\n{\"text\":\"Plan my month\","
                + "\"plan\":null}\r\n");

        ImportSummary summary = importFile(file, ImportOptions.builder().source("internal").plan("LIGHT").build());

        String id = RowIds.of(TaskKind.SAMPLE, "Plan my month");
        assertThat(summary).isEqualTo(new ImportSummary(2, 2, 0, 0));
        assertThat(database.column("PromptSample", "source", id)).isEqualTo("internal");
        assertThat(database.column("PromptSample", "plan", id)).isEqualTo("light");
        assertThat(database.column("PromptSample", "category", id)).isEqualTo("planning");
    }

    @Test
    void syntheticStoresTagsAsJsonArray() throws Exception {
        Path file = write("tasks.jsonl", "{\"text\":\"Fix the flaky login test\",\"difficulty\":\"Hard\","
                + "\"tags\":[\"tests\",\"a \\\"quoted\\\" tag\",\"ünï\"]}\n"
                + "{\"text\":\"Compare two databases\",\"category\":\"research\"}\n");

        ImportSummary summary = importFile(file, ImportOptions.builder().kind("synthetic").build());

        String id = RowIds.of(TaskKind.SYNTHETIC, "Fix the flaky login test");
        assertThat(summary).isEqualTo(new ImportSummary(2, 2, 0, 0));
        assertThat(database.column("SyntheticTask", "tags", id)).isEqualTo("[\"tests\",\"a \\\"quoted\\\" tag\",\"ünï\"]");
        assertThat(database.column("SyntheticTask", "difficulty", id)).isEqualTo("hard");
        assertThat(database.column("SyntheticTask", "inputText", id)).isEqualTo("Fix the flaky login test");
        assertThat(database.column("SyntheticTask", "tags", RowIds.of(TaskKind.SYNTHETIC, "Compare two databases")))
                .isNull();
        assertThat(database.count("PromptSample")).isZero();
    }

    @Test
    void sameTextDiffersByKind() throws Exception {
        Path file = write("tasks.csv", "prompt\nWrite a poem\n");

        importFile(file, ImportOptions.defaults());
        ImportSummary synthetic = importFile(file, ImportOptions.builder().kind(TaskKind.SYNTHETIC).build());

        assertThat(synthetic.inserted()).isEqualTo(1);
        assertThat(database.count("SyntheticTask")).isEqualTo(1);
    }

    @Test
    void csvBadRowsReportedByStartLine() throws Exception {
        Path file = write("prompts.csv", "act,prompt,category\n"     // line 1
                + "Good,\"first good\nspans two lines\",\n"          // lines 2-3
                + "Empty,\"\",\n"                                    // line 4: empty text
                + "Unknown,some text,cooking\n"                      // line 5: unknown category
                + "Short,only two fields\n"                          // line 6: wrong field count
                + "Quote,\"closed\"then text,\n"                     // line 7: character after closing quote
                + "\n"                                               // line 8: blank, ignored
                + "Inner,an \"inner\" quote,\n"                      // line 9: quote in unquoted field
                + "Good,\"second good\",coding\n"                    // line 10
                + "Open,\"never closed,\n"                           // line 11: quote never closed
                + "Lost,swallowed by the open quote,\n");

        ImportSummary summary = importFile(file, ImportOptions.builder().categoryColumn("category").build());

        assertThat(summary).isEqualTo(new ImportSummary(8, 2, 0, 6));
        assertThat(skipped).extracting(SkippedRow::line).containsExactly(4L, 5L, 6L, 7L, 9L, 11L);
        assertThat(skipped.get(0).reason()).isEqualTo("text is empty");
        assertThat(skipped.get(1).reason()).startsWith("unknown category 'cooking'");
        assertThat(skipped.get(2).reason()).contains("2 fields but the header has 3");
        assertThat(skipped.get(3).reason()).contains("character follows a closing quote");
        assertThat(skipped.get(4).reason()).contains("double quote appears inside an unquoted field");
        assertThat(skipped.get(5).reason()).contains("not closed before the end of the file");
        assertThat(database.column("PromptSample", "category", RowIds.of(TaskKind.SAMPLE, "second good")))
                .isEqualTo("coding");
    }

    @Test
    void jsonLinesBadRowsReportedByLine() throws Exception {
        Path file = write("samples.jsonl", "{\"text\":\"good one\"}\n"   // line 1
                + "{\"text\":\"   \"}\n"                                 // line 2: blank text
                + "{\"title\":\"no text\"}\n"                            // line 3: missing text
                + "{\"text\": oops}\n"                                   // line 4: invalid JSON
                + "\n"                                                   // line 5: blank, ignored
                + "[\"an\",\"array\"]\n"                                 // line 6: not an object
                + "{\"text\":42}\n"                                      // line 7: text not a string
                + "{\"text\":\"x\",\"plan\":\"gold\"}\n"                 // line 8: unknown plan
                + "{\"text\":\"y\",\"templateSlug\":\"Not A Slug\"}\n"   // line 9: invalid slug
                + "{\"text\":\"z\",\"templateVersion\":\"v1\"}\n"        // line 10: invalid version
                + "{\"text\":\"nul \\u0000 inside\"}\n"                  // line 11: NUL
                + "{\"text\":\"lone \\ud800 surrogate\"}\n"              // line 12: unpaired surrogate
                + "{\"text\":\"a\"}{\"text\":\"b\"}\n"                   // line 13: trailing tokens
                + "{\"text\":\"good two\"}");                            // line 14, no final line break

        ImportSummary summary = importFile(file, ImportOptions.defaults());

        assertThat(summary).isEqualTo(new ImportSummary(13, 2, 0, 11));
        assertThat(skipped).extracting(SkippedRow::line)
                .containsExactly(2L, 3L, 4L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(skipped.get(1).reason()).isEqualTo("field 'text' is missing");
        assertThat(skipped.get(2).reason()).startsWith("invalid JSON at column");
        assertThat(skipped.get(4).reason()).contains("field 'text' is a JSON number");
        assertThat(skipped.get(8).reason()).contains("NUL character");
        assertThat(skipped.get(9).reason()).contains("unpaired UTF-16 surrogate");
    }

    @Test
    void syntheticBadDifficultyAndTagsSkipped() throws Exception {
        Path file = write("tasks.jsonl", "{\"text\":\"a\",\"difficulty\":\"extreme\"}\n"
                + "{\"text\":\"b\",\"tags\":\"not-an-array\"}\n"
                + "{\"text\":\"c\",\"tags\":[\"ok\",3]}\n");

        ImportSummary summary = importFile(file, ImportOptions.builder().kind("synthetic").build());

        assertThat(summary.skipped()).isEqualTo(3);
        assertThat(skipped.get(0).reason()).startsWith("unknown difficulty 'extreme'");
        assertThat(skipped.get(1).reason()).isEqualTo("field 'tags' must be an array of strings");
        assertThat(skipped.get(2).reason()).isEqualTo("field 'tags' must be an array of strings");
    }

    @Test
    void invalidUtf8StopsWithItsLine() throws Exception {
        Path file = dir.resolve("broken.csv");
        byte[] good = "prompt\nfine text\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, '\n'};
        Files.write(file, concat(good, bad));

        assertThatThrownBy(() -> importFile(file, ImportOptions.defaults()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("not valid UTF-8 on line 3");
    }

    @Test
    void byteOrderMarkIgnored() throws Exception {
        Path file = write("bom.csv", "\uFEFFprompt\nwith a byte order mark\n");

        ImportSummary summary = importFile(file, ImportOptions.defaults());

        assertThat(summary.inserted()).isEqualTo(1);
    }

    @Test
    void missingColumnRejected() throws Exception {
        Path file = write("prompts.csv", "act,text\nA,b\n");

        assertThatThrownBy(() -> importFile(file, ImportOptions.defaults()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid --text-column 'prompt': the CSV header has no such column; its columns are "
                        + "act, text");
    }

    @Test
    void missingTitleColumnOnlyWhenNamed() throws Exception {
        Path file = write("prompts.csv", "prompt\nno title here\n");

        ImportSummary withDefault = importFile(file, ImportOptions.defaults());

        assertThat(withDefault.inserted()).isEqualTo(1);
        assertThatThrownBy(() -> importFile(file, ImportOptions.builder().titleColumn("name").build()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid --title-column 'name'");
    }

    @Test
    void columnOptionsRejectedForJsonLines() throws Exception {
        Path file = write("samples.jsonl", "{\"text\":\"a\"}\n");

        assertThatThrownBy(() -> importFile(file, ImportOptions.builder().textColumn("body").build()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("--text-column applies to CSV files only");
    }

    @Test
    void unknownExtensionNeedsFormat() throws Exception {
        Path file = write("samples.txt", "{\"text\":\"a\"}\n");

        assertThatThrownBy(() -> importFile(file, ImportOptions.defaults()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("pass --format csv or --format jsonl");
        assertThat(importFile(file, ImportOptions.builder().format("jsonl").build()).inserted()).isEqualTo(1);
    }

    @Test
    void missingFileRejected() {
        assertThatThrownBy(() -> importFile(dir.resolve("absent.csv"), ImportOptions.defaults()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageEndingWith("no such readable file");
    }

    @Test
    void rewrittenBatchesStillCounted() throws Exception {
        Path file = write("prompts.csv", "prompt\none\ntwo\nthree\n");
        Path grown = write("grown.csv", "prompt\none\ntwo\nthree\nfour\n");
        Importer rewriting = new Importer(database.dataSource(Map.of("reWriteBatchedInserts", "true")), "public");

        ImportSummary first = rewriting.importFile(file, ImportOptions.defaults(), skipped::add);
        ImportSummary second = rewriting.importFile(grown, ImportOptions.defaults(), skipped::add);

        assertThat(first).isEqualTo(new ImportSummary(3, 3, 0, 0));
        assertThat(second).isEqualTo(new ImportSummary(4, 1, 3, 0));
    }

    @Test
    void quotedSchemaName() throws Exception {
        database.createTables("App \"Lab\" Data");
        Path file = write("prompts.csv", "prompt\nin another schema\n");

        ImportSummary summary = new Importer(database.dataSource(), "App \"Lab\" Data")
                .importFile(file, ImportOptions.defaults(), skipped::add);

        assertThat(summary.inserted()).isEqualTo(1);
        assertThat(database.queryLong("SELECT count(*) FROM \"App \"\"Lab\"\" Data\".\"PromptSample\"")).isEqualTo(1);
        assertThat(database.count("PromptSample")).isZero();
        database.execute("DROP SCHEMA \"App \"\"Lab\"\" Data\" CASCADE");
    }

    @Test
    void databaseFailureNamesTheBatch() throws Exception {
        Path file = write("prompts.csv", "prompt\none\n");
        Importer wrongSchema = new Importer(database.dataSource(), "no_such_schema");

        assertThatThrownBy(() -> wrongSchema.importFile(file, ImportOptions.defaults(), skipped::add))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("Inserting the batch of rows from lines 2 to 2 failed (SQLState 42P01)");
    }

    /** Wraps a data source to count getConnection calls, each of which opens one batch's transaction. */
    private static DataSource countingConnections(DataSource target, AtomicInteger connections) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
