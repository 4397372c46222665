package dev.orbitar.promptlab.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.picking.PostgresTaskPicker;
import dev.orbitar.promptlab.worker.picking.TaskPicker;
import dev.orbitar.promptlab.worker.refining.OfflineRefineEngine;
import dev.orbitar.promptlab.worker.refining.RefineEngine;
import dev.orbitar.promptlab.worker.refining.RefineFailure;
import dev.orbitar.promptlab.worker.refining.RefineRequest;
import dev.orbitar.promptlab.worker.refining.Refinement;
import dev.orbitar.promptlab.worker.scoring.RubricScorer;
import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.store.BatchRecord;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.Ids;
import dev.orbitar.promptlab.worker.store.Migrations;
import dev.orbitar.promptlab.worker.store.PostgresBatchLedger;
import dev.orbitar.promptlab.worker.store.PostgresRunStore;
import dev.orbitar.promptlab.worker.store.StrandedRuns;
import dev.orbitar.promptlab.worker.store.TestPostgres;
import dev.orbitar.promptlab.worker.templates.TemplateCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A batch whose task outlasts its lease, against real PostgreSQL: the heartbeat keeps the claim. */
class BatchLeaseRenewalTest {

    // Far below the settings' minimum of 30 s, so the scenario takes seconds. The picker accepts any positive lease.
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private DatabaseSettings settings;
    private Database database;
    private final CountDownLatch refining = new CountDownLatch(1);
    private final CountDownLatch respond = new CountDownLatch(1);
    private final ExecutorService batchThread = Executors.newSingleThreadExecutor();

    @BeforeEach
    void setUp() {
        settings = TestPostgres.newDatabase();
        database = Database.open(settings);
        new Migrations(database).migrate();
        TestPostgres.execute(settings, """
                INSERT INTO "SyntheticTask" ("id", "category", "inputText") VALUES ('t1', 'general', 'one');
                """);
    }

    @AfterEach
    void tearDown() {
        respond.countDown();
        batchThread.shutdownNow();
        database.close();
    }

    @Test
    void slowTaskKeepsItsClaim() throws Exception {
        PostgresTaskPicker picker = new PostgresTaskPicker(database);
        BatchRecord batch = record();
        Future<BatchSummary> running = start(picker, batch);
        assertThat(refining.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String firstLease = leaseUntil("t1");

        // Wait until the claim's first lease and one more have run out by the database's clock.
        await().atMost(WAIT).until(() -> databaseTimeIsPast(firstLease, LEASE));

        List<LabTask> secondClaim = new PostgresTaskPicker(database).claim(Ids.next(), 1, LEASE);
        StrandedRuns.CloseOut closeOut = new StrandedRuns(database).closeOut(LEASE);
        assertThat(secondClaim).isEmpty();
        assertThat(closeOut.runIds()).isEmpty();
        assertThat(closeOut.batchIds()).isEmpty();
        assertThat(claimColumn("t1", "batch_id")).isEqualTo(batch.batchId());

        respond.countDown();
        BatchSummary summary = running.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(summary.scoresCreated()).isEqualTo(1);
        assertThat(summary.failures()).isZero();
        assertThat(claimColumn("t1", "batch_id")).isNull();
        assertThat(claimColumn("t1", "lease_until")).isNull();
        assertThat(claimColumn("t1", "last_batch_id")).isEqualTo(batch.batchId());
        assertThat(claimColumn("t1", "run_count")).isEqualTo("1");
        await().atMost(WAIT).until(() -> !heartbeatThreadAlive());
    }

    @Test
    void failedRenewalIsRetried() throws Exception {
        FlakyRenewals picker = new FlakyRenewals(new PostgresTaskPicker(database));
        Future<BatchSummary> running = start(picker, record());
        assertThat(refining.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String firstLease = leaseUntil("t1");

        // The first renewal fails as if the database blinked; the ones after it go through.
        await().atMost(WAIT).until(() -> picker.renewed.get() >= 1 && databaseTimeIsPast(firstLease, Duration.ZERO));
        List<LabTask> secondClaim = new PostgresTaskPicker(database).claim(Ids.next(), 1, LEASE);
        respond.countDown();
        BatchSummary summary = running.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(picker.failed.get()).isEqualTo(1);
        assertThat(secondClaim).isEmpty();
        assertThat(summary.scoresCreated()).isEqualTo(1);
        assertThat(summary.failures()).isZero();
    }

    @Test
    void cutShortBatchStaysReleased() throws Exception {
        PostgresTaskPicker picker = new PostgresTaskPicker(database);
        BatchRecord batch = record();
        BatchRunner runner = runner(picker);
        Future<BatchSummary> running = batchThread.submit(() -> runner.run(batch, options()));
        assertThat(refining.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // What a shutdown does when its grace period ends while the task still runs.
        new StrandedRuns(database).closeOutBatch(batch.batchId());
        runner.recordCutShort(batch.batchId(), 1);

        await().atMost(WAIT).until(() -> !heartbeatThreadAlive());
        assertThat(claimColumn("t1", "batch_id")).isNull();
        assertThat(new PostgresTaskPicker(database).claim(Ids.next(), 1, LEASE)).hasSize(1);

        // The task's late writes fail, because its run was closed out; let them end before the database closes.
        respond.countDown();
        await().atMost(WAIT).until(running::isDone);
    }

    private Future<BatchSummary> start(TaskPicker picker, BatchRecord batch) {
        BatchRunner runner = runner(picker);
        return batchThread.submit(() -> runner.run(batch, options()));
    }

    private BatchRunner runner(TaskPicker picker) {
        TemplateCatalog catalog = TemplateCatalog.builtIn();
        TaskProcessorParts parts = new TaskProcessorParts(catalog, new SlowEngine(), new RubricScorer(),
                new PostgresRunStore(database));
        return new BatchRunner(picker, new PostgresBatchLedger(database), parts, Clock.systemUTC());
    }

    private static BatchOptions options() {
        return new BatchOptions(1, 1, LEASE, false, null);
    }

    private static BatchRecord record() {
        return new BatchRecord(Ids.next(), Clock.systemUTC().instant(), OfflineRefineEngine.NAME, null, 1, false,
                Map.of());
    }

    private String leaseUntil(String taskId) throws SQLException {
        return claimColumn(taskId, "lease_until");
    }

    private boolean databaseTimeIsPast(String leaseUntil, Duration extra) throws SQLException {
        try (Connection connection = TestPostgres.connect(settings);
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT timezone('UTC', now()) > ?::timestamp + ? * INTERVAL '1 millisecond'")) {
            statement.setString(1, leaseUntil);
            statement.setLong(2, extra.toMillis());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private String claimColumn(String taskId, String column) throws SQLException {
        try (Connection connection = TestPostgres.connect(settings);
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + column + "::text FROM prompt_lab.task_claim WHERE task_id = ?")) {
            statement.setString(1, taskId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static boolean heartbeatThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("lease-heartbeat") && thread.isAlive());
    }

    /** The offline engine, which returns once the test counts down {@code respond}: a provider slower than a lease. */
    private final class SlowEngine implements RefineEngine {

        private final OfflineRefineEngine offline = new OfflineRefineEngine();

        @Override
        public String name() {
            return offline.name();
        }

        @Override
        public String modelFor(String category) {
            return offline.modelFor(category);
        }

        @Override
        public Refinement refine(RefineRequest request) throws RefineFailure {
            refining.countDown();
            try {
                respond.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting to respond", e);
            }
            return offline.refine(request);
        }
    }

    /** A picker whose first renewal fails, as during a short database outage. */
    private static final class FlakyRenewals implements TaskPicker {

        private final TaskPicker delegate;
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger renewed = new AtomicInteger();

        FlakyRenewals(TaskPicker delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<LabTask> claim(String batchId, int limit, Duration lease) {
            return delegate.claim(batchId, limit, lease);
        }

        @Override
        public List<LabTask> preview(int limit) {
            return delegate.preview(limit);
        }

        @Override
        public int renew(String batchId, Duration lease) {
            if (failed.compareAndSet(0, 1)) {
                throw new IllegalStateException("connection refused");
            }
            int count = delegate.renew(batchId, lease);
            renewed.addAndGet(count);
            return count;
        }

        @Override
        public void release(String batchId, List<LabTask> tasks) {
            delegate.release(batchId, tasks);
        }
    }
}
