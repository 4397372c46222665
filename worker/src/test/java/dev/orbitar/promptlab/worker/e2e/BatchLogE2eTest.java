package dev.orbitar.promptlab.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the log of one batch: the old worker's three lines with their numbers, and one line per task. */
class BatchLogE2eTest {

    private static final Pattern TASK_LINE = Pattern.compile(
            "Task (\\S+) \\((synthetic|sample)\\) (\\S+)@(\\S+): (done|error \\S+) overall=(\\S+) run=(\\S+)");

    @TempDir
    Path dataDir;

    private AppDatabase database;
    private final List<String> taskIds = new ArrayList<>();
    private String blankSampleId;
    private LabCli.Result result;

    @BeforeEach
    void runBatch() throws Exception {
        database = AppDatabase.withApplicationTables();
        taskIds.add(database.insertSynthetic("coding", "fix the off-by-one error in the pager of the orders list"));
        taskIds.add(database.insertSynthetic("communication", "tell the team the release moves to Friday"));
        taskIds.add(database.insertSample("creative", "a haiku about a lighthouse in fog", null, null));
        // Text with nothing to refine: its run ends as error and gets no score, so runs and scores differ.
        blankSampleId = database.insertSample("general", " \t ", null, null);
        taskIds.add(blankSampleId);

        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", database.prismaUrl());
        environment.put("LAB_DATA_DIR", dataDir.toString());
        environment.put("LAB_LEASE_SECONDS", "3600");
        environment.put("LAB_BATCH_LIMIT", "5");

        result = LabCli.run(environment, "run-batch");
    }

    private List<Matcher> taskLines() {
        return result.logLines(Level.INFO).stream()
                .map(TASK_LINE::matcher)
                .filter(Matcher::matches)
                .toList();
    }

    @Test
    void batchExitsZero() {
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void cronLinesCarryLimitAndCounts() {
        assertThat(result.logLinesOf("PromptLabCron")).containsExactly(
                "[PromptLabCron] Starting Lab batch { limit: 5 }",
                "[PromptLabCron] Completed Lab batch { runsCreated: 4, scoresCreated: 3 }");
    }

    @Test
    void runnerLineCarriesCounts() {
        assertThat(result.logLinesOf("PromptLabRunner"))
                .containsOnlyOnce("[PromptLabRunner] Lab batch completed { runsCreated: 4, scoresCreated: 3 }");
    }

    @Test
    void countsMatchRows() throws Exception {
        assertThat(database.count("LabRun")).isEqualTo(4);
        assertThat(database.count("LabScore")).isEqualTo(3);
    }

    @Test
    void startLineFirstSummaryLast() {
        List<String> lines = result.logLines();

        assertThat(lines.get(0)).isEqualTo("[PromptLabCron] Starting Lab batch { limit: 5 }");
        assertThat(lines.get(lines.size() - 2))
                .isEqualTo("[PromptLabRunner] Lab batch completed { runsCreated: 4, scoresCreated: 3 }");
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("[PromptLabCron] Completed Lab batch { runsCreated: 4, scoresCreated: 3 }");
    }

    @Test
    void oneInfoLinePerTask() {
        List<String> loggedIds = taskLines().stream().map(line -> line.group(1)).toList();

        assertThat(loggedIds).containsExactlyInAnyOrderElementsOf(taskIds);
    }

    @Test
    void taskLineMatchesItsRun() throws Exception {
        for (Matcher line : taskLines()) {
            Map<String, Object> run = database.rows("SELECT \"templateSlug\", \"templateVersion\", \"status\","
                    + " \"errorMessage\" FROM \"LabRun\" WHERE \"id\" = ?", line.group(7)).get(0);
            String status = run.get("errorMessage") == null ? (String) run.get("status")
                    : run.get("status") + " " + run.get("errorMessage");

            assertThat(line.group(3)).isEqualTo(run.get("templateSlug"));
            assertThat(line.group(4)).isEqualTo(run.get("templateVersion"));
            assertThat(line.group(5)).isEqualTo(status);
        }
    }

    @Test
    void doneLineShowsOverallScore() throws Exception {
        for (Matcher line : taskLines()) {
            if (line.group(5).equals("done")) {
                double logged = Double.parseDouble(line.group(6));
                double stored = ((Number) database.column("SELECT \"overallScore\" FROM \"LabScore\""
                        + " WHERE \"labRunId\" = ?", line.group(7)).get(0)).doubleValue();

                assertThat(logged).isCloseTo(stored, offset(0.0005));
            }
        }
    }

    @Test
    void blankTaskLineShowsError() {
        Matcher blank = taskLines().stream().filter(line -> line.group(1).equals(blankSampleId)).findFirst()
                .orElseThrow();

        assertThat(blank.group(5)).startsWith("error ");
        assertThat(blank.group(6)).isEqualTo("-");
    }
}
