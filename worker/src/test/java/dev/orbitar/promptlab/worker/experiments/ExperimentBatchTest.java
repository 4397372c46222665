package dev.orbitar.promptlab.worker.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.worker.batch.BatchOptions;
import dev.orbitar.promptlab.worker.batch.BatchRunner;
import dev.orbitar.promptlab.worker.batch.BatchSummary;
import dev.orbitar.promptlab.worker.batch.StopCause;
import dev.orbitar.promptlab.worker.batch.TaskProcessorParts;
import dev.orbitar.promptlab.worker.picking.PostgresTaskPicker;
import dev.orbitar.promptlab.worker.refining.OfflineRefineEngine;
import dev.orbitar.promptlab.worker.refining.RefineEngine;
import dev.orbitar.promptlab.worker.refining.RefineFailure;
import dev.orbitar.promptlab.worker.refining.RefineRequest;
import dev.orbitar.promptlab.worker.refining.RefineUsage;
import dev.orbitar.promptlab.worker.refining.Refinement;
import dev.orbitar.promptlab.worker.scoring.RubricScorer;
import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.store.BatchRecord;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.Ids;
import dev.orbitar.promptlab.worker.store.Migrations;
import dev.orbitar.promptlab.worker.store.PostgresBatchLedger;
import dev.orbitar.promptlab.worker.store.PostgresRunStore;
import dev.orbitar.promptlab.worker.store.TestPostgres;
import dev.orbitar.promptlab.worker.templates.TemplateCatalog;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batches with an active experiment, against the application's schema and the worker's migrations. */
class ExperimentBatchTest {

    private static final TemplateCatalog CATALOG = TemplateCatalog.builtIn();
    private static final Duration LEASE = Duration.ofMinutes(30);

    private DatabaseSettings settings;
    private Database database;
    private final List<Database> extraDatabases = new ArrayList<>();
    private ActiveExperiments experiments;

    @BeforeEach
    void setUp() {
        settings = TestPostgres.newApplicationDatabase();
        database = Database.open(settings);
        new Migrations(database).migrate();
        experiments = ExperimentSettings.load(
                Map.of("LAB_EXPERIMENT", "coding-next:coding:coding_feature_default@1.1.0,coding_review_strict@0.1.0"),
                CATALOG);
    }

    @AfterEach
    void tearDown() {
        extraDatabases.forEach(Database::close);
        database.close();
    }

    @Test
    void twoCandidatesMakeThreeRunsPerTask() throws SQLException {
        List<String> tasks = insertTasks("coding", 4);

        BatchSummary summary = run(database, new OfflineRefineEngine(), options(4, null));

        assertThat(summary.tasksClaimed()).isEqualTo(4);
        assertThat(summary.runsCreated()).isEqualTo(12);
        assertThat(summary.scoresCreated()).isEqualTo(12);
        for (String task : tasks) {
            assertThat(strings("SELECT \"templateSlug\" || '@' || \"templateVersion\" FROM \"LabRun\""
                    + " WHERE \"syntheticTaskId\" = ? AND \"status\" = 'done'", task))
                    .containsExactlyInAnyOrder("coding_feature_default@1.0.0", "coding_feature_default@1.1.0",
                            "coding_review_strict@0.1.0");
        }
    }

    @Test
    void experimentRunsAreRecordedWithArm() throws SQLException {
        insertTasks("coding", 3);

        run(database, new OfflineRefineEngine(), options(3, null));

        assertThat(strings("SELECT arm FROM prompt_lab.experiment_run WHERE experiment = ?", "coding-next"))
                .filteredOn("ga"::equals).hasSize(3);
        assertThat(strings("SELECT arm FROM prompt_lab.experiment_run WHERE experiment = ?", "coding-next"))
                .filteredOn("candidate"::equals).hasSize(6);
        assertThat(strings("SELECT e.run_id FROM prompt_lab.experiment_run e"
                + " JOIN \"LabRun\" r ON r.\"id\" = e.run_id"
                + " WHERE e.template_slug = r.\"templateSlug\" AND e.template_version = r.\"templateVersion\""
                + " AND e.task_id = r.\"syntheticTaskId\" AND e.experiment = ?", "coding-next")).hasSize(9);
    }

    @Test
    void otherCategoryRunsOnce() throws SQLException {
        List<String> tasks = insertTasks("writing", 2);

        BatchSummary summary = run(database, new OfflineRefineEngine(), options(2, null));

        assertThat(summary.runsCreated()).isEqualTo(2);
        assertThat(strings("SELECT \"templateSlug\" FROM \"LabRun\" WHERE \"syntheticTaskId\" = ?", tasks.get(0)))
                .containsExactly("writing_blog_default");
        assertThat(strings("SELECT run_id FROM prompt_lab.experiment_run WHERE experiment = ?", "coding-next"))
                .isEmpty();
    }

    @Test
    void claimFinishesOncePerTask() throws SQLException {
        List<String> tasks = insertTasks("coding", 2);

        run(database, new OfflineRefineEngine(), options(2, null));

        assertThat(strings("SELECT run_count::text FROM prompt_lab.task_claim WHERE task_id = ?", tasks.get(0)))
                .containsExactly("1");
        assertThat(strings("SELECT task_id FROM prompt_lab.task_claim WHERE batch_id IS NOT NULL", null))
                .isEmpty();
    }

    @Test
    void leaseHeldUntilLastVersion() throws SQLException {
        insertTasks("coding", 2);
        // Before each refinement, another batch tries to claim every task. The experiment's task must stay leased
        // to the running batch between its ga run and its candidates' runs.
        PostgresTaskPicker intruder = new PostgresTaskPicker(database);
        List<String> stolen = Collections.synchronizedList(new ArrayList<>());
        RefineEngine engine = new DelegatingEngine(new OfflineRefineEngine()) {
            @Override
            public Refinement refine(RefineRequest request) throws RefineFailure {
                intruder.claim("intruder-" + Ids.next(), 10, LEASE).forEach(task -> stolen.add(task.id()));
                return super.refine(request);
            }
        };

        BatchSummary summary = run(database, engine, options(1, null));

        assertThat(summary.runsCreated()).isEqualTo(3);
        // The intruder may take the task that was never claimed, but never the one being run.
        assertThat(stolen).hasSize(1);
    }

    @Test
    void concurrentBatchesNeverShareTask() throws Exception {
        List<String> tasks = insertTasks("coding", 20);
        int batches = 4;
        ExecutorService executor = Executors.newFixedThreadPool(batches);
        CyclicBarrier start = new CyclicBarrier(batches);
        try {
            List<Future<BatchSummary>> futures = new ArrayList<>();
            for (int i = 0; i < batches; i++) {
                Database own = Database.open(settings);
                extraDatabases.add(own);
                futures.add(executor.submit(() -> {
                    start.await();
                    return run(own, new OfflineRefineEngine(), new BatchOptions(5, 2, LEASE, false, null));
                }));
            }
            int claimed = 0;
            for (Future<BatchSummary> future : futures) {
                claimed += future.get().tasksClaimed();
            }
            assertThat(claimed).isEqualTo(20);
        } finally {
            executor.shutdownNow();
        }

        Map<String, Set<String>> batchesByTask = new HashMap<>();
        try (Connection connection = TestPostgres.connect(settings);
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT task_id, batch_id FROM prompt_lab.batch_run")) {
            while (rows.next()) {
                batchesByTask.computeIfAbsent(rows.getString(1), key -> new HashSet<>()).add(rows.getString(2));
            }
        }
        assertThat(batchesByTask).hasSize(tasks.size());
        assertThat(batchesByTask.values()).allSatisfy(held -> assertThat(held).hasSize(1));
        assertThat(strings("SELECT run_id FROM prompt_lab.experiment_run", null)).hasSize(60);
    }

    @Test
    void budgetStopsAfterWholeTask() throws SQLException {
        insertTasks("coding", 5);
        RefineEngine paid = new DelegatingEngine(new OfflineRefineEngine()) {
            @Override
            public Refinement refine(RefineRequest request) throws RefineFailure {
                Refinement free = super.refine(request);
                RefineUsage usage = new RefineUsage("openrouter", 5, request.rawText().length(), false, 1, 10, 20,
                        new BigDecimal("0.01"), "stop");
                return new Refinement(free.text(), free.modelName(), usage);
            }
        };

        // Each task costs 0.03 (three versions), so the budget is reached after the second task.
        BatchSummary summary = run(database, paid, new BatchOptions(5, 1, LEASE, false, new BigDecimal("0.05")));

        assertThat(summary.stopCause()).isEqualTo(StopCause.BUDGET);
        assertThat(summary.runsCreated()).isEqualTo(6);
        assertThat(summary.released()).isEqualTo(3);
    }

    private BatchSummary run(Database on, RefineEngine engine, BatchOptions options) {
        TaskProcessorParts parts = new TaskProcessorParts(CATALOG, engine, new RubricScorer(),
                new ExperimentRunStore(new PostgresRunStore(on), experiments, on),
                new ExperimentPlanner(experiments, CATALOG));
        BatchRunner runner = new BatchRunner(new PostgresTaskPicker(on), new PostgresBatchLedger(on), parts,
                Clock.systemUTC());
        BatchRecord record = new BatchRecord(Ids.next(), Clock.systemUTC().instant(), engine.name(), null,
                options.batchLimit(), false, Map.of());
        return runner.run(record, options);
    }

    private static BatchOptions options(int limit, BigDecimal budget) {
        return new BatchOptions(limit, 1, LEASE, false, budget);
    }

    private List<String> insertTasks(String category, int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = TestPostgres.connect(settings);
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO \"SyntheticTask\" (\"id\", \"category\", \"inputText\") VALUES (?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String id = Ids.next();
                insert.setString(1, id);
                insert.setString(2, category);
                insert.setString(3, "Add a retry option to the export command, task " + i);
                insert.executeUpdate();
                ids.add(id);
            }
        }
        return ids;
    }

    private List<String> strings(String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = TestPostgres.connect(settings);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    /** An engine that passes every call to another, for tests that change one call. */
    private static class DelegatingEngine implements RefineEngine {

        private final RefineEngine engine;

        DelegatingEngine(RefineEngine engine) {
            this.engine = engine;
        }

        @Override
        public String name() {
            return engine.name();
        }

        @Override
        public String modelFor(String category) {
            return engine.modelFor(category);
        }

        @Override
        public Refinement refine(RefineRequest request) throws RefineFailure {
            return engine.refine(request);
        }
    }
}
