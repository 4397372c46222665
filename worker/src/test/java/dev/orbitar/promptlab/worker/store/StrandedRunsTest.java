package dev.orbitar.promptlab.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.picking.PostgresTaskPicker;
import dev.orbitar.promptlab.worker.picking.TaskKind;
import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StrandedRunsTest {

    private static final Duration LEASE = Duration.ofMinutes(30);
    private static final PromptTemplate TEMPLATE = new PromptTemplate("general_default", "1.0.0", "general", "ga",
            "assistant", "help", List.of(), List.of());

    private DatabaseSettings settings;
    private Database database;
    private PostgresTaskPicker picker;
    private PostgresRunStore store;
    private PostgresBatchLedger ledger;

    @BeforeEach
    void setUp() {
        settings = TestPostgres.newDatabase();
        database = Database.open(settings);
        new Migrations(database).migrate();
        picker = new PostgresTaskPicker(database);
        store = new PostgresRunStore(database);
        ledger = new PostgresBatchLedger(database);
        TestPostgres.execute(settings, """
                INSERT INTO "SyntheticTask" ("id", "category", "inputText") VALUES
                  ('t1', 'general', 'one'), ('t2', 'general', 'two');
                """);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void killedBatchRunIsAbandoned() throws SQLException {
        String runId = startRun("dead", 1);
        expireBatch("dead");

        StrandedRuns.CloseOut result = new StrandedRuns(database).closeOut(LEASE);

        assertThat(result.runIds()).containsExactly(runId);
        assertThat(column("SELECT \"status\" FROM \"LabRun\" WHERE \"id\" = ?", runId)).isEqualTo("error");
        assertThat(column("SELECT \"errorMessage\" FROM \"LabRun\" WHERE \"id\" = ?", runId)).isEqualTo("abandoned");
    }

    @Test
    void killedBatchIsAbandoned() throws SQLException {
        startRun("dead", 1);
        expireBatch("dead");

        StrandedRuns.CloseOut result = new StrandedRuns(database).closeOut(LEASE);

        assertThat(result.batchIds()).containsExactly("dead");
        assertThat(column("SELECT status FROM prompt_lab.batch WHERE id = ?", "dead")).isEqualTo("abandoned");
    }

    @Test
    void liveBatchRunIsKept() throws SQLException {
        String runId = startRun("alive", 1);
        // Old enough, but the batch still holds its lease.
        TestPostgres.execute(settings, "UPDATE prompt_lab.batch_run SET started_at = started_at - interval '2 hours'");

        StrandedRuns.CloseOut result = new StrandedRuns(database).closeOut(LEASE);

        assertThat(result.runIds()).isEmpty();
        assertThat(column("SELECT \"status\" FROM \"LabRun\" WHERE \"id\" = ?", runId)).isEqualTo("pending");
    }

    @Test
    void youngRunIsKept() throws SQLException {
        String runId = startRun("young", 1);
        // The lease is gone, but the run started less than a lease ago.
        TestPostgres.execute(settings,
                "UPDATE prompt_lab.task_claim SET lease_until = '2020-01-01' WHERE batch_id IS NOT NULL");

        new StrandedRuns(database).closeOut(LEASE);

        assertThat(column("SELECT \"status\" FROM \"LabRun\" WHERE \"id\" = ?", runId)).isEqualTo("pending");
    }

    @Test
    void finishedRunIsKept() throws SQLException {
        String runId = startRun("done", 1);
        LabTask task = new LabTask("t1", TaskKind.SYNTHETIC, "general", "one", null, null);
        store.markFailed("done", runId, task, "refine_failed", null, null);
        expireBatch("done");

        StrandedRuns.CloseOut result = new StrandedRuns(database).closeOut(LEASE);

        assertThat(result.runIds()).isEmpty();
        assertThat(column("SELECT \"errorMessage\" FROM \"LabRun\" WHERE \"id\" = ?", runId))
                .isEqualTo("refine_failed");
    }

    @Test
    void abandonedBatchCanStillFinish() throws SQLException {
        startRun("slow", 1);
        expireBatch("slow");
        new StrandedRuns(database).closeOut(LEASE);

        ledger.finished("slow", Instant.now(), "failed", 1, 0, 1);

        assertThat(column("SELECT status FROM prompt_lab.batch WHERE id = ?", "slow")).isEqualTo("failed");
    }

    private String startRun(String batchId, int tasks) {
        ledger.started(new BatchRecord(batchId, Instant.now(), "offline", null, tasks, false, Map.of()));
        LabTask task = picker.claim(batchId, tasks, LEASE).get(0);
        return store.insertPending(batchId, task, TEMPLATE, "offline");
    }

    /** Moves a batch back in time past its lease, as if its worker was killed two hours ago. */
    private void expireBatch(String batchId) {
        TestPostgres.execute(settings, "UPDATE prompt_lab.batch SET started_at = started_at - interval '2 hours'"
                + " WHERE id = '" + batchId + "';"
                + "UPDATE prompt_lab.batch_run SET started_at = started_at - interval '2 hours'"
                + " WHERE batch_id = '" + batchId + "';"
                + "UPDATE prompt_lab.task_claim SET lease_until = lease_until - interval '2 hours'"
                + " WHERE batch_id = '" + batchId + "'");
    }

    private String column(String sql, String key) throws SQLException {
        try (Connection connection = TestPostgres.connect(settings);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
