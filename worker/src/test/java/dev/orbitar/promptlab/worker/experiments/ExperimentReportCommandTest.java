package dev.orbitar.promptlab.worker.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.cli.ReportCommand;
import dev.orbitar.promptlab.worker.report.ReportDatabase;
import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.Migrations;
import dev.orbitar.promptlab.worker.store.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Runs {@code report --experiment} as a user would, against a database seeded with an experiment's rows: a
 * candidate built to be clearly better, one clearly worse and one undecided.
 */
class ExperimentReportCommandTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-09T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Database database;

    @BeforeAll
    static void seed() throws SQLException {
        DatabaseSettings settings = TestPostgres.newApplicationDatabase();
        database = Database.open(settings);
        new Migrations(database).migrate();

        SeededRuns runs = new SeededRuns().ga(20)
                .candidate("1.1.0", 20, 0.08, 0.01, 0)
                .candidate("1.2.0", 20, -0.08, 0.01, 0)
                .candidate("1.3.0", 20, 0.01, 0.05, 0);
        insert(settings, "coding-next", runs);
        insert(settings, "other", new SeededRuns().ga(2));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void tableRecommendsPerCandidate() {
        Result result = run("--experiment", "coding-next");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Experiment coding-next: 20 tasks, 80 runs");
        assertThat(result.out()).contains("ga: coding_feature_default@1.0.0 (20 runs, 0 failed)");
        assertThat(result.out()).contains("Candidate coding_feature_default@1.1.0 (20 runs, 0 failed): promote");
        assertThat(result.out()).contains("Candidate coding_feature_default@1.2.0 (20 runs, 0 failed): retire");
        assertThat(result.out()).contains("Candidate coding_feature_default@1.3.0 (20 runs, 0 failed): keep testing");
        assertThat(result.out()).containsPattern("About \\d+ more paired tasks would settle it");
    }

    @Test
    void tableShowsPairedStatistics() {
        String out = run("--experiment", "coding-next").out();

        assertThat(out).contains("Baseline:  coding_feature_default@1.0.0");
        assertThat(out).contains("Paired tasks: 20");
        assertThat(out).containsPattern("Overall\\s+20\\s+\\+0\\.080");
        assertThat(out).containsPattern("Cost per run \\(USD\\)\\s+0\\s+not measured");
    }

    @Test
    void jsonCarriesRecommendations() throws Exception {
        Result result = run("--experiment", "coding-next", "--format", "json");

        JsonNode report = JSON.readTree(result.out());
        assertThat(report.get("experiment").asText()).isEqualTo("coding-next");
        assertThat(report.get("candidates")).hasSize(3);
        assertThat(report.get("candidates").get(0).get("recommendation").asText()).isEqualTo("promote");
        assertThat(report.get("candidates").get(1).get("recommendation").asText()).isEqualTo("retire");
        assertThat(report.get("candidates").get(2).get("recommendation").asText()).isEqualTo("keep_testing");
        assertThat(report.get("candidates").get(2).get("moreTasks").asLong()).isPositive();
        assertThat(report.get("candidates").get(0).get("comparison").get("pairedTasks").asInt()).isEqualTo(20);
    }

    @Test
    void csvHasLinePerCandidate() {
        String out = run("--experiment", "coding-next", "--format", "csv").out();

        assertThat(out.lines()).hasSize(4);
        assertThat(out.lines().findFirst().orElseThrow()).startsWith("experiment,ga,candidate,pairedTasks");
    }

    @Test
    void zeroMarginKeepsPromotion() {
        Result result = run("--experiment", "coding-next", "--score-margin", "0");

        assertThat(result.out()).contains("Candidate coding_feature_default@1.1.0 (20 runs, 0 failed): promote");
    }

    @Test
    void untilBeforeRunsFindsNone() {
        Result result = run("--experiment", "coding-next", "--until", "2025-02-01");

        assertThat(result.code()).isZero();
        assertThat(result.err()).contains("No runs of experiment coding-next in the selection");
    }

    @Test
    void unknownExperimentWarns() {
        Result result = run("--experiment", "absent");

        assertThat(result.code()).isZero();
        assertThat(result.err()).contains("No runs of experiment absent in the selection");
    }

    @Test
    void compareDoesNotCombine() {
        Result result = run("--experiment", "coding-next", "--compare", "a@1.0.0", "b@1.0.0", "--category", "coding");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("Invalid option combination: --experiment does not combine with"
                + " --compare, --category; drop them or run the report without --experiment.");
    }

    @Test
    void marginWithoutExperimentIsRejected() {
        Result result = run("--score-margin", "0.05");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("apply only with --experiment NAME");
    }

    @Test
    void marginOutOfRangeIsRejected() {
        Result result = run("--experiment", "coding-next", "--error-margin", "1.5");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip())
                .isEqualTo("Invalid --error-margin value '1.5': expected a number from 0 to 1.");
    }

    @Test
    void helpListsExperimentOptions() {
        assertThat(run("--help").out()).contains("--experiment", "--score-margin", "--error-margin",
                "--cost-margin", "--min-effect");
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ReportCommand.commandLine(
                ReportDatabase.of(database.dataSource(), database.appSchema(), database.workerSchema()), CLOCK);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {
    }

    /** Inserts the seeded runs as SyntheticTask, LabRun, LabScore and experiment_run rows. */
    private static void insert(DatabaseSettings settings, String experiment, SeededRuns seeded) throws SQLException {
        Set<String> tasks = new HashSet<>();
        try (Connection connection = TestPostgres.connect(settings)) {
            for (ExperimentRun run : seeded.runs()) {
                String runId = experiment + "-" + run.runId();
                String taskId = experiment + "-" + run.syntheticTaskId();
                if (tasks.add(taskId)) {
                    execute(connection, "INSERT INTO \"SyntheticTask\" (\"id\", \"category\", \"inputText\")"
                            + " VALUES (?, 'coding', 'add a flag')", taskId);
                }
                try (PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO "LabRun" ("id", "templateSlug", "templateVersion", "taskType", "syntheticTaskId",
                                              "modelName", "status", "createdAt", "updatedAt")
                        VALUES (?, ?, ?, 'synthetic', ?, 'offline/rules-v1', ?, ?, ?)""")) {
                    Timestamp created = Timestamp.valueOf(run.createdAt().atOffset(ZoneOffset.UTC).toLocalDateTime());
                    statement.setString(1, runId);
                    statement.setString(2, run.templateSlug());
                    statement.setString(3, run.templateVersion());
                    statement.setString(4, taskId);
                    statement.setString(5, run.status());
                    statement.setTimestamp(6, created);
                    statement.setTimestamp(7, created);
                    statement.executeUpdate();
                }
                if (run.overallScore() != null) {
                    try (PreparedStatement statement = connection.prepareStatement("""
                            INSERT INTO "LabScore" ("id", "labRunId", "structureScore", "contractScore",
                                                    "domainScore", "overallScore")
                            VALUES (?, ?, ?, ?, ?, ?)""")) {
                        statement.setString(1, "score-" + runId);
                        statement.setString(2, runId);
                        statement.setDouble(3, run.structureScore());
                        statement.setDouble(4, run.contractScore());
                        statement.setDouble(5, run.domainScore());
                        statement.setDouble(6, run.overallScore());
                        statement.executeUpdate();
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO prompt_lab.experiment_run (run_id, experiment, arm, template_slug,
                                                               template_version, batch_id, task_kind, task_id)
                        VALUES (?, ?, ?, ?, ?, 'batch-1', 'synthetic', ?)""")) {
                    statement.setString(1, runId);
                    statement.setString(2, experiment);
                    statement.setString(3, run.arm());
                    statement.setString(4, run.templateSlug());
                    statement.setString(5, run.templateVersion());
                    statement.setString(6, taskId);
                    statement.executeUpdate();
                }
            }
        }
    }

    private static void execute(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeUpdate();
        }
    }
}
