package dev.orbitar.promptlab.worker.picking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.Migrations;
import dev.orbitar.promptlab.worker.store.TestPostgres;
import dev.orbitar.promptlab.worker.store.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresTaskPickerTest {

    private static final Duration LEASE = Duration.ofMinutes(30);

    private DatabaseSettings settings;
    private Database database;
    private PostgresTaskPicker picker;

    @BeforeEach
    void setUp() {
        settings = TestPostgres.newDatabase();
        database = Database.open(settings);
        new Migrations(database).migrate();
        picker = new PostgresTaskPicker(database);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void rotationRunsEveryTaskOnce() {
        TaskRows.synthetic(settings, 6);
        TaskRows.samples(settings, 6);

        List<String> ran = new ArrayList<>();
        for (int batch = 1; batch <= 3; batch++) {
            List<LabTask> tasks = picker.claim("batch-" + batch, 4, LEASE);
            finish("batch-" + batch, tasks);
            tasks.forEach(task -> ran.add(task.id()));
        }

        assertThat(ran).hasSize(12);
        assertThat(ran).doesNotHaveDuplicates();
    }

    @Test
    void neverRunTasksComeFirst() {
        TaskRows.synthetic(settings, 4);
        finish("batch-1", picker.claim("batch-1", 4, LEASE));
        List<String> fresh = TaskRows.synthetic(settings, 2);

        List<LabTask> claimed = picker.claim("batch-2", 2, LEASE);

        assertThat(ids(claimed)).containsExactlyInAnyOrderElementsOf(fresh);
    }

    @Test
    void leastRecentlyRunComesNext() throws SQLException {
        List<String> ids = TaskRows.synthetic(settings, 4);
        finish("batch-1", picker.claim("batch-1", 4, LEASE));
        setLastRun(ids.get(0), "2024-01-03 10:00:00");
        setLastRun(ids.get(1), "2024-01-01 10:00:00");
        setLastRun(ids.get(2), "2024-01-04 10:00:00");
        setLastRun(ids.get(3), "2024-01-02 10:00:00");

        List<LabTask> claimed = picker.claim("batch-2", 2, LEASE);

        assertThat(ids(claimed)).containsExactlyInAnyOrder(ids.get(1), ids.get(3));
    }

    @Test
    void mixIsHalfEach() {
        TaskRows.synthetic(settings, 10);
        TaskRows.samples(settings, 10);

        List<LabTask> claimed = picker.claim("batch-1", 6, LEASE);

        assertThat(count(claimed, TaskKind.SYNTHETIC)).isEqualTo(3);
        assertThat(count(claimed, TaskKind.SAMPLE)).isEqualTo(3);
    }

    @Test
    void oddLimitGivesSyntheticTheExtra() {
        TaskRows.synthetic(settings, 10);
        TaskRows.samples(settings, 10);

        List<LabTask> claimed = picker.claim("batch-1", 5, LEASE);

        assertThat(count(claimed, TaskKind.SYNTHETIC)).isEqualTo(3);
        assertThat(count(claimed, TaskKind.SAMPLE)).isEqualTo(2);
    }

    @Test
    void samplesFillWhenSyntheticShort() {
        TaskRows.synthetic(settings, 1);
        TaskRows.samples(settings, 10);

        List<LabTask> claimed = picker.claim("batch-1", 6, LEASE);

        assertThat(count(claimed, TaskKind.SYNTHETIC)).isEqualTo(1);
        assertThat(count(claimed, TaskKind.SAMPLE)).isEqualTo(5);
    }

    @Test
    void syntheticFillsWhenSamplesShort() {
        TaskRows.synthetic(settings, 10);
        TaskRows.samples(settings, 1);

        List<LabTask> claimed = picker.claim("batch-1", 6, LEASE);

        assertThat(count(claimed, TaskKind.SYNTHETIC)).isEqualTo(5);
        assertThat(count(claimed, TaskKind.SAMPLE)).isEqualTo(1);
    }

    @Test
    void fewerTasksThanLimit() {
        TaskRows.synthetic(settings, 2);
        TaskRows.samples(settings, 1);

        List<LabTask> claimed = picker.claim("batch-1", 20, LEASE);

        assertThat(claimed).hasSize(3);
    }

    @Test
    void emptyDatabaseClaimsNothing() {
        assertThat(picker.claim("batch-1", 20, LEASE)).isEmpty();
    }

    @Test
    void claimedTaskIsNotClaimedAgain() {
        TaskRows.synthetic(settings, 2);
        TaskRows.samples(settings, 2);
        picker.claim("batch-1", 4, LEASE);

        assertThat(picker.claim("batch-2", 4, LEASE)).isEmpty();
    }

    @Test
    void expiredLeaseIsClaimedAgain() {
        TaskRows.synthetic(settings, 2);
        List<LabTask> first = picker.claim("batch-1", 2, LEASE);
        TestPostgres.execute(settings, "UPDATE prompt_lab.task_claim SET lease_until = '2020-01-01'");

        List<LabTask> second = picker.claim("batch-2", 2, LEASE);

        assertThat(ids(second)).containsExactlyInAnyOrderElementsOf(ids(first));
    }

    @Test
    void shortLeaseExpires() {
        TaskRows.synthetic(settings, 1);
        picker.claim("batch-1", 1, Duration.ofMillis(300));

        List<LabTask> again = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> picker.claim("batch-2", 1, LEASE), tasks -> !tasks.isEmpty());

        assertThat(again).hasSize(1);
    }

    @Test
    void releaseMakesTasksClaimable() {
        TaskRows.synthetic(settings, 2);
        List<LabTask> first = picker.claim("batch-1", 2, LEASE);

        picker.release("batch-1", first);

        assertThat(ids(picker.claim("batch-2", 2, LEASE))).containsExactlyInAnyOrderElementsOf(ids(first));
    }

    @Test
    void releaseByOtherBatchKeepsLease() {
        TaskRows.synthetic(settings, 2);
        List<LabTask> first = picker.claim("batch-1", 2, LEASE);

        picker.release("batch-2", first);

        assertThat(picker.claim("batch-3", 2, LEASE)).isEmpty();
    }

    @Test
    void finishEndsLease() throws SQLException {
        TaskRows.synthetic(settings, 1);
        List<LabTask> claimed = picker.claim("batch-1", 1, LEASE);

        finish("batch-1", claimed);

        try (Connection connection = TestPostgres.connect(settings);
                ResultSet row = connection.createStatement().executeQuery(
                        "SELECT batch_id, lease_until, last_run_at, last_batch_id, run_count"
                                + " FROM prompt_lab.task_claim")) {
            row.next();
            assertThat(row.getString("batch_id")).isNull();
            assertThat(row.getObject("lease_until")).isNull();
            assertThat(row.getObject("last_run_at")).isNotNull();
            assertThat(row.getString("last_batch_id")).isEqualTo("batch-1");
            assertThat(row.getInt("run_count")).isEqualTo(1);
        }
    }

    @Test
    void finishKeepsLeaseOfLaterBatch() {
        TaskRows.synthetic(settings, 1);
        List<LabTask> first = picker.claim("batch-1", 1, LEASE);
        TestPostgres.execute(settings, "UPDATE prompt_lab.task_claim SET lease_until = '2020-01-01'");
        picker.claim("batch-2", 1, LEASE);

        finish("batch-1", first);

        assertThat(picker.claim("batch-3", 1, LEASE)).isEmpty();
    }

    @Test
    void syntheticTaskCarriesItsText() {
        TaskRows.synthetic(settings, 1);

        LabTask task = picker.claim("batch-1", 1, LEASE).get(0);

        assertThat(task.kind()).isEqualTo(TaskKind.SYNTHETIC);
        assertThat(task.category()).isEqualTo("coding");
        assertThat(task.text()).isEqualTo("text of " + task.id());
        assertThat(task.templateSlug()).isNull();
    }

    @Test
    void sampleCarriesItsTemplate() {
        TestPostgres.execute(settings, "INSERT INTO \"PromptSample\" (\"id\", \"source\", \"category\", \"rawText\","
                + " \"plan\", \"templateSlug\", \"templateVersion\") VALUES ('s1', 'user', 'coding', 'fix my bug',"
                + " 'pro', 'coding_feature_default', '1.0.0')");

        LabTask task = picker.claim("batch-1", 1, LEASE).get(0);

        assertThat(task).isEqualTo(new LabTask("s1", TaskKind.SAMPLE, "coding", "fix my bug",
                "coding_feature_default", "1.0.0"));
    }

    @Test
    void deletedTaskIsSkipped() {
        List<String> ids = TaskRows.synthetic(settings, 2);
        picker.claim("batch-1", 2, LEASE);
        TestPostgres.execute(settings, "UPDATE prompt_lab.task_claim SET lease_until = '2020-01-01'");
        TestPostgres.execute(settings, "DELETE FROM \"SyntheticTask\" WHERE \"id\" = '" + ids.get(0) + "'");

        List<LabTask> claimed = picker.claim("batch-2", 2, LEASE);

        assertThat(ids(claimed)).containsExactly(ids.get(1));
    }

    @Test
    void deletedTaskIsForgotten() throws SQLException {
        List<String> ids = TaskRows.synthetic(settings, 2);
        picker.claim("batch-1", 1, LEASE);
        TestPostgres.execute(settings, "DELETE FROM \"SyntheticTask\" WHERE \"id\" = '" + ids.get(1) + "'");

        picker.claim("batch-2", 1, LEASE);

        assertThat(registeredIds()).containsExactly(ids.get(0));
    }

    @Test
    void deletedTaskInsideSliceIsForgotten() throws SQLException {
        PostgresTaskPicker slowSweep = new PostgresTaskPicker(database, 2);
        TaskRows.insertSynthetic(settings, List.of("m1", "m2", "m3", "m4", "m5"));
        for (int claim = 1; claim <= 3; claim++) {
            slowSweep.claim("batch-" + claim, 1, LEASE);
        }
        TestPostgres.execute(settings, "DELETE FROM \"SyntheticTask\" WHERE \"id\" = 'm3'");

        // The sweep has wrapped. Its next slices are (start, m2] and then (m2, m5], whose range covers the deleted m3.
        slowSweep.claim("batch-4", 1, LEASE);
        slowSweep.claim("batch-5", 1, LEASE);

        assertThat(registeredIds()).containsExactlyInAnyOrder("m1", "m2", "m4", "m5");
    }

    @Test
    void outOfOrderIdIsFoundBySweep() throws SQLException {
        PostgresTaskPicker slowSweep = new PostgresTaskPicker(database, 2);
        TaskRows.insertSynthetic(settings, List.of("m1", "m2", "m3", "m4", "m5"));
        slowSweep.claim("batch-1", 1, LEASE);
        TaskRows.insertSynthetic(settings, List.of("a1"));

        // The tail is past "a1", so only the sweep finds it once it starts over. Its slices are (start, m2],
        // (m2, m4] and (m4, end], then (start, m1], which holds a1.
        for (int claim = 2; claim <= 5; claim++) {
            slowSweep.claim("batch-" + claim, 1, LEASE);
        }

        assertThat(registeredIds()).contains("a1");
    }

    @Test
    void newHighIdIsFoundByNextClaim() throws SQLException {
        PostgresTaskPicker slowSweep = new PostgresTaskPicker(database, 2);
        TaskRows.insertSynthetic(settings, List.of("m1", "m2"));
        slowSweep.claim("batch-1", 2, LEASE);
        // Move the sweep back to the start, so that only the tail can reach "z1" on the next claim.
        TestPostgres.execute(settings, "UPDATE prompt_lab.task_discovery SET sweep_id = ''");
        TaskRows.insertSynthetic(settings, List.of("z1"));

        List<LabTask> claimed = slowSweep.claim("batch-2", 1, LEASE);

        assertThat(ids(claimed)).containsExactly("z1");
    }

    @Test
    void renewExtendsLiveLease() throws SQLException {
        TaskRows.synthetic(settings, 1);
        picker.claim("batch-1", 1, Duration.ofSeconds(30));

        int renewed = picker.renew("batch-1", LEASE);

        assertThat(renewed).isEqualTo(1);
        assertThat(secondsLeft("batch-1")).isGreaterThan(Duration.ofSeconds(30).toSeconds());
    }

    @Test
    void renewSkipsExpiredLease() {
        TaskRows.synthetic(settings, 1);
        picker.claim("batch-1", 1, LEASE);
        TestPostgres.execute(settings, "UPDATE prompt_lab.task_claim SET lease_until = '2020-01-01'");

        int renewed = picker.renew("batch-1", LEASE);

        assertThat(renewed).isZero();
        assertThat(picker.claim("batch-2", 1, LEASE)).hasSize(1);
    }

    @Test
    void renewSkipsOtherBatches() throws SQLException {
        TaskRows.synthetic(settings, 2);
        picker.claim("batch-1", 1, LEASE);
        picker.claim("batch-2", 1, Duration.ofSeconds(30));

        int renewed = picker.renew("batch-1", LEASE);

        assertThat(renewed).isEqualTo(1);
        assertThat(secondsLeft("batch-2")).isLessThanOrEqualTo(Duration.ofSeconds(30).toSeconds());
    }

    @Test
    void renewSkipsFinishedClaims() {
        TaskRows.synthetic(settings, 1);
        finish("batch-1", picker.claim("batch-1", 1, LEASE));

        int renewed = picker.renew("batch-1", LEASE);

        assertThat(renewed).isZero();
    }

    @Test
    void zeroRenewalLeaseIsRejected() {
        assertThatThrownBy(() -> picker.renew("batch-1", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeLimitIsRejected() {
        assertThatThrownBy(() -> picker.claim("batch-1", -1, LEASE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroLeaseIsRejected() {
        assertThatThrownBy(() -> picker.claim("batch-1", 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void finish(String batchId, List<LabTask> tasks) {
        Transactions.inTransaction(database, session -> {
            TaskClaimMapper mapper = session.getMapper(TaskClaimMapper.class);
            tasks.forEach(task -> mapper.finish(task.kind(), task.id(), batchId));
            return null;
        });
    }

    /** Returns the whole seconds left on the lease the batch holds, by the database's clock. */
    private long secondsLeft(String batchId) throws SQLException {
        try (Connection connection = TestPostgres.connect(settings);
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT extract(epoch FROM lease_until - timezone('UTC', now()))::bigint"
                                + " FROM prompt_lab.task_claim WHERE batch_id = ?")) {
            statement.setString(1, batchId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void setLastRun(String taskId, String utcTime) throws SQLException {
        try (Connection connection = TestPostgres.connect(settings);
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE prompt_lab.task_claim SET last_run_at = ?::timestamp WHERE task_id = ?")) {
            statement.setString(1, utcTime);
            statement.setString(2, taskId);
            statement.executeUpdate();
        }
    }

    private Set<String> registeredIds() throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = TestPostgres.connect(settings);
                ResultSet rows = connection.createStatement()
                        .executeQuery("SELECT task_id FROM prompt_lab.task_claim")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static List<String> ids(List<LabTask> tasks) {
        return tasks.stream().map(LabTask::id).toList();
    }

    private static long count(List<LabTask> tasks, TaskKind kind) {
        return tasks.stream().filter(task -> task.kind() == kind).count();
    }
}
