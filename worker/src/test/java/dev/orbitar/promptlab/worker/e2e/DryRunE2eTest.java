package dev.orbitar.promptlab.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code run-batch} with LAB_DRY_RUN=true: it logs what a batch would do and writes no row anywhere. */
class DryRunE2eTest {

    @TempDir
    Path dataDir;

    private AppDatabase database;
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> taskIds = new ArrayList<>();

    @BeforeEach
    void seedTasks() throws Exception {
        database = AppDatabase.withApplicationTables();
        for (String category : List.of("coding", "writing", "planning", "research")) {
            taskIds.add(database.insertSynthetic(category, "a " + category + " task about the spring product launch"));
            taskIds.add(database.insertSample(category, "a " + category + " sample about quarterly hiring", null,
                    null));
        }
        environment.put("DATABASE_URL", database.prismaUrl());
        environment.put("LAB_DATA_DIR", dataDir.toString());
        environment.put("LAB_LEASE_SECONDS", "3600");
    }

    /** Returns the rows of every table the worker writes, as text, so that any changed value shows. */
    private List<String> contents() throws Exception {
        List<String> lines = new ArrayList<>(database.rowCounts().entrySet().stream()
                .map(count -> count.getKey() + " rows=" + count.getValue()).toList());
        for (String table : List.of("\"LabRun\"", "\"LabScore\"", "prompt_lab.batch", "prompt_lab.task_claim",
                "prompt_lab.task_discovery", "prompt_lab.batch_run", "prompt_lab.run_usage")) {
            database.rows("SELECT t::text AS row FROM " + table + " t ORDER BY 1").forEach(row ->
                    lines.add(table + " " + row.get("row")));
        }
        return lines;
    }

    private void migrate() {
        assertThat(LabCli.run(environment, "migrate").exitCode()).isZero();
    }

    private LabCli.Result dryRun(String limit) {
        return LabCli.run(environment, "run-batch", "--dry-run", "--batch-limit", limit);
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        assertThat(LabCli.run(environment, "run-batch", "--batch-limit", "3").exitCode()).isZero();
        List<String> before = contents();

        LabCli.Result result = dryRun("6");

        assertThat(result.exitCode()).isZero();
        assertThat(contents()).isEqualTo(before);
    }

    @Test
    void dryRunOnNewTasksWritesNothing() throws Exception {
        migrate();
        List<String> before = contents();

        LabCli.Result result = dryRun("8");

        assertThat(result.exitCode()).isZero();
        assertThat(contents()).isEqualTo(before);
    }

    @Test
    void dryRunLogsEachTask() throws Exception {
        migrate();

        LabCli.Result result = dryRun("8");

        List<String> wouldRun = result.logLines().stream().filter(line -> line.startsWith("Dry run: would run task"))
                .toList();
        assertThat(wouldRun).hasSize(8);
        for (String taskId : taskIds) {
            assertThat(wouldRun).anyMatch(line -> line.contains(taskId));
        }
        assertThat(wouldRun).allMatch(line -> line.contains("on model offline/rules-v1"));
    }

    @Test
    void dryRunLogsZeroCounts() {
        migrate();

        LabCli.Result result = dryRun("8");

        assertThat(result.logLinesOf("PromptLabCron")).containsExactly(
                "[PromptLabCron] Starting Lab batch { limit: 8 }",
                "[PromptLabCron] Completed Lab batch { runsCreated: 0, scoresCreated: 0 }");
        assertThat(result.logLines()).contains("Dry run: nothing was written; 8 tasks would have been claimed");
    }

    @Test
    void dryRunRepeatsSamePreview() {
        migrate();

        List<String> first = dryRun("4").logLines().stream().filter(line -> line.startsWith("Dry run: would run"))
                .toList();

        List<String> second = dryRun("4").logLines().stream().filter(line -> line.startsWith("Dry run: would run"))
                .toList();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void dryRunLeavesApplicationTablesEmpty() throws Exception {
        dryRun("8");

        assertThat(database.count("LabRun")).isZero();
        assertThat(database.count("LabScore")).isZero();
    }

    @Test
    void dryRunCreatesNoWorkerSchema() throws Exception {
        dryRun("8");

        assertThat(database.number("SELECT count(*) FROM pg_namespace WHERE nspname = 'prompt_lab'")).isZero();
    }

    @Test
    void dryRunReportsPendingMigrations() {
        LabCli.Result result = dryRun("8");

        assertThat(result.exitCode()).isZero();
        assertThat(result.logLines()).anyMatch(line -> line.matches("Dry run: nothing was written; worker schema"
                + " prompt_lab needs \\d+ migration\\(s\\), which a real run applies before it claims up to 8 tasks"));
        assertThat(result.logLinesOf("PromptLabCron")).containsExactly(
                "[PromptLabCron] Starting Lab batch { limit: 8 }",
                "[PromptLabCron] Completed Lab batch { runsCreated: 0, scoresCreated: 0 }");
    }
}
