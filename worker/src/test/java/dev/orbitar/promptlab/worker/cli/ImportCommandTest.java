package dev.orbitar.promptlab.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.worker.importing.ApplicationDatabase;
import dev.orbitar.promptlab.worker.importing.Importer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {

    private static ApplicationDatabase database;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger importersCreated = new AtomicInteger();
    private String schema = "public";

    @BeforeAll
    static void startDatabase() throws Exception {
        database = ApplicationDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        database.close();
    }

    @BeforeEach
    void emptyTables() throws Exception {
        database.emptyTables();
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new ImportCommand(() -> {
            importersCreated.incrementAndGet();
            return new Importer(database.dataSource(), schema);
        }));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private String[] errLines() {
        return err.toString().lines().toArray(String[]::new);
    }

    @Test
    void importPrintsSummaryLast() throws Exception {
        Path file = write("prompts.csv", "act,prompt\nPoet,Write a poem\nEmpty,\nPoet,Write a poem\n");
        run(file.toString());
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        int exitCode = run(file.toString());

        assertThat(exitCode).isZero();
        assertThat(out.toString()).isEqualTo("Imported " + file + " into PromptSample: read 3, inserted 0, "
                + "already present 2, skipped 1" + System.lineSeparator());
        assertThat(errLines()).containsExactly("line 3: skipped, text is empty");
    }

    @Test
    void syntheticKindFillsSyntheticTask() throws Exception {
        Path file = write("tasks.jsonl", "{\"text\":\"Refactor this class\",\"tags\":[\"java\"]}\n");

        int exitCode = run("--kind", "synthetic", file.toString());

        assertThat(exitCode).isZero();
        assertThat(database.count("SyntheticTask")).isEqualTo(1);
    }

    @Test
    void helpNeedsNoDatabase() {
        int exitCode = run("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: import", "--text-column", "--kind");
        assertThat(importersCreated).hasValue(0);
    }

    @Test
    void badPlanIsOneLine() throws Exception {
        Path file = write("prompts.csv", "prompt\na\n");

        int exitCode = run("--plan", "gold", file.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(errLines()).containsExactly("Invalid --plan 'gold': accepted values are free, light, pro, admin");
        assertThat(importersCreated).hasValue(0);
    }

    @Test
    void badKindIsOneLine() throws Exception {
        Path file = write("prompts.csv", "prompt\na\n");

        int exitCode = run("--kind", "task", file.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(errLines()).containsExactly("Invalid --kind 'task': accepted values are sample, synthetic");
    }

    @Test
    void missingColumnIsOneLine() throws Exception {
        Path file = write("prompts.csv", "act,body\nA,b\n");

        int exitCode = run("--category-column", "kind", "--text-column", "body", file.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(errLines()).containsExactly("Invalid --category-column 'kind': the CSV header has no such column; "
                + "its columns are act, body");
        assertThat(database.count("PromptSample")).isZero();
    }

    @Test
    void missingFileIsUsageError() {
        int exitCode = run(dir.resolve("absent.csv").toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(errLines()).hasSize(1);
    }

    @Test
    void missingFileArgumentIsUsageError() {
        int exitCode = run();

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
    }

    @Test
    void databaseFailureExitsOne() throws Exception {
        Path file = write("prompts.csv", "prompt\na\n");
        schema = "absent_schema";

        int exitCode = run(file.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(errLines()).hasSize(1);
        assertThat(err.toString()).startsWith("Import failed: Inserting the batch of rows from lines 2 to 2 failed");
    }

    @Test
    void manySkippedRowsAreCapped() throws Exception {
        StringBuilder csv = new StringBuilder("prompt\n");
        for (int i = 0; i < ImportCommand.MAX_SKIPPED_SHOWN + 5; i++) {
            csv.append("\"\"\n");
        }
        Path file = write("empty.csv", csv.toString());

        int exitCode = run(file.toString());

        assertThat(exitCode).isZero();
        assertThat(errLines()).hasSize(ImportCommand.MAX_SKIPPED_SHOWN + 1);
        assertThat(errLines()[ImportCommand.MAX_SKIPPED_SHOWN]).isEqualTo("5 more skipped rows not shown");
    }
}
