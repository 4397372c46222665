package dev.orbitar.promptlab.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.picking.PostgresTaskPicker;
import dev.orbitar.promptlab.worker.picking.TaskKind;
import dev.orbitar.promptlab.worker.refining.RefineUsage;
import dev.orbitar.promptlab.worker.refining.Refinement;
import dev.orbitar.promptlab.worker.scoring.ScoreCard;
import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs against the application's own schema (the Prisma fixture) with the worker's migrations on top. */
class PostgresRunStoreTest {

    private static final String BATCH = "batch-1";
    private static final PromptTemplate TEMPLATE = new PromptTemplate("coding_feature_default", "1.0.0", "coding",
            "ga", "senior engineer", "ship the feature", List.of("steps"), List.of("no guessing"));
    private static final RefineUsage USAGE = new RefineUsage("openrouter", 1234, 80, false, 2, 50, 120,
            new BigDecimal("0.00012500"), "stop");
    private static final Refinement REFINEMENT = new Refinement("You are a senior engineer...",
            "openai/gpt-4o-mini-2024-07-18", USAGE);
    private static final ScoreCard SCORE = new ScoreCard(0.8, 0.7, 0.6, 0.75,
            Map.of("readability", 0.9, "sections", List.of("role", "goal")));

    private DatabaseSettings settings;
    private Database database;
    private PostgresRunStore store;
    private LabTask synthetic;
    private LabTask sample;

    @BeforeEach
    void setUp() {
        settings = TestPostgres.newApplicationDatabase();
        TestPostgres.execute(settings, """
                INSERT INTO "SyntheticTask" ("id", "category", "inputText") VALUES ('t1', 'coding', 'add a button');
                INSERT INTO "PromptSample" ("id", "source", "category", "rawText", "plan")
                VALUES ('s1', 'user', 'writing', 'blog post pls', 'free');
                """);
        database = Database.open(settings);
        new Migrations(database).migrate();
        store = new PostgresRunStore(database);

        List<LabTask> claimed = new PostgresTaskPicker(database).claim(BATCH, 2, Duration.ofMinutes(30));
        synthetic = claimed.stream().filter(task -> task.kind() == TaskKind.SYNTHETIC).findFirst().orElseThrow();
        sample = claimed.stream().filter(task -> task.kind() == TaskKind.SAMPLE).findFirst().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void insertPendingWritesRun() throws SQLException {
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "openai/gpt-4o-mini");

        Map<String, Object> run = row("SELECT * FROM \"LabRun\" WHERE \"id\" = ?", runId);
        assertThat(run.get("id")).isEqualTo(runId);
        assertThat(run.get("templateSlug")).isEqualTo("coding_feature_default");
        assertThat(run.get("templateVersion")).isEqualTo("1.0.0");
        assertThat(run.get("taskType")).isEqualTo("synthetic");
        assertThat(run.get("syntheticTaskId")).isEqualTo("t1");
        assertThat(run.get("promptSampleId")).isNull();
        assertThat(run.get("modelName")).isEqualTo("openai/gpt-4o-mini");
        assertThat(run.get("status")).isEqualTo("pending");
        assertThat(run.get("errorMessage")).isNull();
        assertThat(run.get("rawRefinedPrompt")).isNull();
        assertThat(run.get("createdAt")).isNotNull();
        assertThat(run.get("updatedAt")).isNotNull();
    }

    @Test
    void insertPendingForSample() throws SQLException {
        String runId = store.insertPending(BATCH, sample, TEMPLATE, "openai/gpt-4o-mini");

        Map<String, Object> run = row("SELECT * FROM \"LabRun\" WHERE \"id\" = ?", runId);
        assertThat(run.get("taskType")).isEqualTo("sample");
        assertThat(run.get("promptSampleId")).isEqualTo("s1");
        assertThat(run.get("syntheticTaskId")).isNull();
    }

    @Test
    void insertPendingRecordsBatch() throws SQLException {
        String runId = store.insertPending(BATCH, sample, TEMPLATE, "openai/gpt-4o-mini");

        Map<String, Object> link = row("SELECT * FROM prompt_lab.batch_run WHERE run_id = ?", runId);
        assertThat(link.get("batch_id")).isEqualTo(BATCH);
        assertThat(link.get("task_kind")).isEqualTo("sample");
        assertThat(link.get("task_id")).isEqualTo("s1");
        assertThat(link.get("finished_at")).isNull();
    }

    @Test
    void runIdIsCuidLike() {
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "openai/gpt-4o-mini");

        assertThat(runId).matches("c[0-9a-z]{24}");
    }

    @Test
    void completeSetsRunDone() throws SQLException {
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "openai/gpt-4o-mini");

        store.completeWithScore(BATCH, runId, synthetic, REFINEMENT, SCORE);

        Map<String, Object> run = row("SELECT * FROM \"LabRun\" WHERE \"id\" = ?", runId);
        assertThat(run.get("status")).isEqualTo("done");
        assertThat(run.get("rawRefinedPrompt")).isEqualTo("You are a senior engineer...");
        assertThat(run.get("modelName")).isEqualTo("openai/gpt-4o-mini-2024-07-18");
        assertThat(run.get("errorMessage")).isNull();
    }

    @Test
    void completeWritesScore() throws Exception {
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "openai/gpt-4o-mini");

        String scoreId = store.completeWithScore(BATCH, runId, synthetic, REFINEMENT, SCORE);

        Map<String, Object> score = row("SELECT * FROM \"LabScore\" WHERE \"id\" = ?", scoreId);
        assertThat(score.get("labRunId")).isEqualTo(runId);
        assertThat(score.get("structureScore")).isEqualTo(0.8);
        assertThat(score.get("contractScore")).isEqualTo(0.7);
        assertThat(score.get("domainScore")).isEqualTo(0.6);
        assertThat(score.get("overallScore")).isEqualTo(0.75);
        assertThat(score.get("createdAt")).isNotNull();
        assertThat(new ObjectMapper().readValue((String) score.get("metricsJson"), Map.class))
                .isEqualTo(Map.of("readability", 0.9, "sections", List.of("role", "goal")));
    }

    @Test
    void completeRecordsUsage() throws SQLException {
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "openai/gpt-4o-mini");

        store.completeWithScore(BATCH, runId, synthetic, REFINEMENT, SCORE);

        Map<String, Object> usage = row("SELECT * FROM prompt_lab.run_usage WHERE run_id = ?", runId);
        assertThat(usage.get("batch_id")).isEqualTo(BATCH);
        assertThat(usage.get("engine")).isEqualTo("openrouter");
        assertThat(usage.get("latency_ms")).isEqualTo(1234L);
        assertThat(usage.get("input_chars")).isEqualTo(80);
        assertThat(usage.get("input_truncated")).isEqualTo(false);
        assertThat(usage.get("attempts")).isEqualTo(2);
        assertThat(usage.get("prompt_tokens")).isEqualTo(50);
        assertThat(usage.get("completion_tokens")).isEqualTo(120);
        assertThat((BigDecimal) usage.get("cost_usd")).isEqualByComparingTo("0.000125");
        assertThat(usage.get("finish_reason")).isEqualTo("stop");
    }

    @Test
    void unknownCostStaysNull() throws SQLException {
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "offline");
        Refinement offline = new Refinement("prompt", "offline", RefineUsage.local("offline", 3, 12, false));

        store.completeWithScore(BATCH, runId, synthetic, offline, SCORE);

        Map<String, Object> usage = row("SELECT * FROM prompt_lab.run_usage WHERE run_id = ?", runId);
        assertThat(usage.get("cost_usd")).isNull();
        assertThat(usage.get("prompt_tokens")).isNull();
    }

    @Test
    void completeFinishesClaim() throws SQLException {
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "openai/gpt-4o-mini");

        store.completeWithScore(BATCH, runId, synthetic, REFINEMENT, SCORE);

        Map<String, Object> claim = row("SELECT * FROM prompt_lab.task_claim WHERE task_id = ?", "t1");
        assertThat(claim.get("batch_id")).isNull();
        assertThat(claim.get("last_run_at")).isNotNull();
        assertThat(claim.get("run_count")).isEqualTo(1);
    }

    @Test
    void scoreInsertFailureLeavesRunPending() throws SQLException {
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "openai/gpt-4o-mini");
        TestPostgres.execute(settings, """
                CREATE FUNCTION reject_score() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'score insert rejected by test'; END $$;
                CREATE TRIGGER reject_score BEFORE INSERT ON "LabScore" FOR EACH ROW EXECUTE FUNCTION reject_score();
                """);

        assertThatThrownBy(() -> store.completeWithScore(BATCH, runId, synthetic, REFINEMENT, SCORE))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining("score insert rejected by test");

        assertThat(row("SELECT * FROM \"LabRun\" WHERE \"id\" = ?", runId).get("status")).isEqualTo("pending");
        assertThat(count("SELECT count(*) FROM \"LabScore\"")).isZero();
        assertThat(count("SELECT count(*) FROM prompt_lab.run_usage")).isZero();
        assertThat(row("SELECT * FROM prompt_lab.task_claim WHERE task_id = ?", "t1").get("last_run_at")).isNull();
        assertThat(row("SELECT * FROM prompt_lab.task_claim WHERE task_id = ?", "t1").get("batch_id"))
                .isEqualTo(BATCH);
    }

    @Test
    void unserialisableMetricsLeaveRunPending() throws SQLException {
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "openai/gpt-4o-mini");
        Map<String, Object> metrics = new HashMap<>();
        metrics.put("bad", new Object());
        ScoreCard broken = new ScoreCard(0.1, 0.1, 0.1, 0.1, metrics);

        assertThatThrownBy(() -> store.completeWithScore(BATCH, runId, synthetic, REFINEMENT, broken))
                .isInstanceOf(PersistenceException.class);

        assertThat(row("SELECT * FROM \"LabRun\" WHERE \"id\" = ?", runId).get("status")).isEqualTo("pending");
    }

    @Test
    void markFailedKeepsRefinedPrompt() throws SQLException {
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "openai/gpt-4o-mini");

        store.markFailed(BATCH, runId, synthetic, "score_failed", REFINEMENT, null);

        Map<String, Object> run = row("SELECT * FROM \"LabRun\" WHERE \"id\" = ?", runId);
        assertThat(run.get("status")).isEqualTo("error");
        assertThat(run.get("errorMessage")).isEqualTo("score_failed");
        assertThat(run.get("rawRefinedPrompt")).isEqualTo("You are a senior engineer...");
        assertThat(count("SELECT count(*) FROM prompt_lab.run_usage")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM \"LabScore\"")).isZero();
    }

    @Test
    void markFailedWithoutRefinement() throws SQLException {
        String runId = store.insertPending(BATCH, sample, TEMPLATE, "openai/gpt-4o-mini");

        store.markFailed(BATCH, runId, sample, "refine_failed", null, USAGE);

        Map<String, Object> run = row("SELECT * FROM \"LabRun\" WHERE \"id\" = ?", runId);
        assertThat(run.get("errorMessage")).isEqualTo("refine_failed");
        assertThat(run.get("rawRefinedPrompt")).isNull();
        assertThat(run.get("modelName")).isEqualTo("openai/gpt-4o-mini");
        assertThat(count("SELECT count(*) FROM prompt_lab.run_usage")).isEqualTo(1);
        assertThat(row("SELECT * FROM prompt_lab.task_claim WHERE task_id = ?", "s1").get("last_run_at"))
                .isNotNull();
    }

    @Test
    void markFailedWithoutUsage() throws SQLException {
        String runId = store.insertPending(BATCH, sample, TEMPLATE, "openai/gpt-4o-mini");

        store.markFailed(BATCH, runId, sample, "refine_failed", null, null);

        assertThat(count("SELECT count(*) FROM prompt_lab.run_usage")).isZero();
        assertThat(row("SELECT * FROM prompt_lab.batch_run WHERE run_id = ?", runId).get("finished_at"))
                .isNotNull();
    }

    @Test
    void endedRunIsNotCompleted() throws SQLException {
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "openai/gpt-4o-mini");
        TestPostgres.execute(settings, "UPDATE \"LabRun\" SET \"status\" = 'error', \"errorMessage\" = 'abandoned'");

        assertThatThrownBy(() -> store.completeWithScore(BATCH, runId, synthetic, REFINEMENT, SCORE))
                .isInstanceOf(RunNotPendingException.class);

        assertThat(count("SELECT count(*) FROM \"LabScore\"")).isZero();
        assertThat(row("SELECT * FROM \"LabRun\" WHERE \"id\" = ?", runId).get("errorMessage"))
                .isEqualTo("abandoned");
    }

    @Test
    void timestampsAreUtc() throws SQLException {
        assertThat(ZoneId.systemDefault().getRules().getOffset(java.time.Instant.now()))
                .as("tests run in a zone far from UTC")
                .isNotEqualTo(ZoneOffset.UTC);
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "openai/gpt-4o-mini");
        String scoreId = store.completeWithScore(BATCH, runId, synthetic, REFINEMENT, SCORE);
        LocalDateTime utcNow = LocalDateTime.now(ZoneOffset.UTC);

        Map<String, Object> run = row("SELECT * FROM \"LabRun\" WHERE \"id\" = ?", runId);
        Map<String, Object> score = row("SELECT * FROM \"LabScore\" WHERE \"id\" = ?", scoreId);
        Map<String, Object> claim = row("SELECT * FROM prompt_lab.task_claim WHERE task_id = ?", "t1");
        assertThat(localTime(run.get("createdAt"))).isCloseTo(utcNow, within(1, ChronoUnit.MINUTES));
        assertThat(localTime(run.get("updatedAt"))).isCloseTo(utcNow, within(1, ChronoUnit.MINUTES));
        assertThat(localTime(score.get("createdAt"))).isCloseTo(utcNow, within(1, ChronoUnit.MINUTES));
        assertThat(localTime(claim.get("last_run_at"))).isCloseTo(utcNow, within(1, ChronoUnit.MINUTES));
    }

    @Test
    void updateMovesUpdatedAt() throws SQLException {
        String runId = store.insertPending(BATCH, synthetic, TEMPLATE, "openai/gpt-4o-mini");
        TestPostgres.execute(settings, "UPDATE \"LabRun\" SET \"updatedAt\" = '2020-01-01 00:00:00'");

        store.completeWithScore(BATCH, runId, synthetic, REFINEMENT, SCORE);

        Map<String, Object> run = row("SELECT * FROM \"LabRun\" WHERE \"id\" = ?", runId);
        assertThat(localTime(run.get("updatedAt"))).isAfter(LocalDateTime.of(2024, 1, 1, 0, 0));
    }

    /** Reads one row by its exact column names; timestamps come back as LocalDateTime with no zone applied. */
    private Map<String, Object> row(String sql, String key) throws SQLException {
        try (Connection connection = TestPostgres.connect(settings);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("row for %s", key).isTrue();
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    String column = rows.getMetaData().getColumnName(i);
                    boolean timestamp = "timestamp".equals(rows.getMetaData().getColumnTypeName(i));
                    row.put(column, timestamp ? rows.getObject(i, LocalDateTime.class) : rows.getObject(i));
                }
                return row;
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = TestPostgres.connect(settings);
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static LocalDateTime localTime(Object value) {
        return (LocalDateTime) value;
    }
}
