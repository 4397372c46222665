package dev.orbitar.promptlab.worker.lab;

import dev.orbitar.promptlab.worker.batch.BatchOptions;
import dev.orbitar.promptlab.worker.batch.BatchRunner;
import dev.orbitar.promptlab.worker.batch.BatchSummary;
import dev.orbitar.promptlab.worker.batch.TaskProcessorParts;
import dev.orbitar.promptlab.worker.experiments.ActiveExperiments;
import dev.orbitar.promptlab.worker.experiments.ExperimentPlanner;
import dev.orbitar.promptlab.worker.experiments.ExperimentRunStore;
import dev.orbitar.promptlab.worker.picking.PostgresTaskPicker;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import dev.orbitar.promptlab.worker.store.BatchRecord;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.Ids;
import dev.orbitar.promptlab.worker.store.Migrations;
import dev.orbitar.promptlab.worker.store.PostgresBatchLedger;
import dev.orbitar.promptlab.worker.store.PostgresRunStore;
import dev.orbitar.promptlab.worker.store.RunStore;
import dev.orbitar.promptlab.worker.store.StrandedRuns;
import dev.orbitar.promptlab.worker.templates.TemplateResolver;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prepares and runs Lab batches on one database with one set of engines; each batch gets its own runner. */
public final class BatchLauncher {

    private static final Logger runnerLog = LoggerFactory.getLogger("PromptLabRunner");

    private final Database database;
    private final TemplateResolver templates;
    private final ActiveExperiments experiments;
    private final LabEngines engines;
    private final WorkerSettings settings;
    private final Clock clock;

    public BatchLauncher(Database database, TemplateResolver templates, LabEngines engines, WorkerSettings settings,
            Clock clock) {
        this(database, templates, ActiveExperiments.none(), engines, settings, clock);
    }

    /** Creates a launcher whose batches run each task of an experiment's category through all its versions. */
    public BatchLauncher(Database database, TemplateResolver templates, ActiveExperiments experiments,
            LabEngines engines, WorkerSettings settings, Clock clock) {
        this.database = database;
        this.templates = templates;
        this.experiments = experiments;
        this.engines = engines;
        this.settings = settings;
        this.clock = clock;
    }

    /** Builds a batch with a new id; nothing is written until {@link PreparedBatch#run()}. */
    public PreparedBatch prepare(int batchLimit, Map<String, String> origin) {
        BatchRecord record = new BatchRecord(Ids.next(), clock.instant(), engines.engine().name(),
                settings.modelName(), batchLimit, settings.dryRun(), origin);
        BatchOptions options = new BatchOptions(batchLimit, settings.concurrency(), settings.lease(),
                settings.dryRun(), settings.budgetUsd());
        BatchRunner runner = new BatchRunner(new PostgresTaskPicker(database), new PostgresBatchLedger(database),
                taskProcessorParts(), clock);
        // A dry run does not migrate a database it was pointed at, so it cannot preview claims before the first run.
        int pendingMigrations = settings.dryRun() ? new Migrations(database).pending() : 0;
        return new PreparedBatch(record, options, runner, new StrandedRuns(database), database.workerSchema(),
                pendingMigrations);
    }

    private TaskProcessorParts taskProcessorParts() {
        RunStore runs = new PostgresRunStore(database);
        if (experiments.isEmpty()) {
            return new TaskProcessorParts(templates, engines.engine(), engines.scorer(), runs);
        }
        return new TaskProcessorParts(templates, engines.engine(), engines.scorer(),
                new ExperimentRunStore(runs, experiments, database), new ExperimentPlanner(experiments, templates));
    }

    /**
     * One batch, ready to run.
     *
     * @param record the batch as recorded in the worker's schema
     * @param options how it runs
     * @param runner its runner, which takes stop requests from other threads
     * @param strandedRuns the close-out of runs that killed batches left pending
     * @param workerSchema the worker's schema
     * @param pendingMigrations migrations of the worker's schema not yet applied (counted for dry runs only)
     */
    public record PreparedBatch(BatchRecord record, BatchOptions options, BatchRunner runner,
            StrandedRuns strandedRuns, String workerSchema, int pendingMigrations) {

        /** Returns the batch id. */
        public String batchId() {
            return record.batchId();
        }

        /** Closes out what killed batches left behind, then runs this batch to the end. */
        public BatchSummary run() {
            if (options.dryRun() && pendingMigrations > 0) {
                // NOTE: this dry run lists no tasks, because previews read the worker schema it may not create.
                runnerLog.info("Dry run: nothing was written; worker schema {} needs {} migration(s), which a real"
                        + " run applies before it claims up to {} tasks", workerSchema, pendingMigrations,
                        options.batchLimit());
                runnerLog.info("[PromptLabRunner] Lab batch completed { runsCreated: 0, scoresCreated: 0 }");
                return new BatchSummary(record.batchId(), 0, 0, 0, 0, 0, null, null);
            }
            if (!options.dryRun()) {
                strandedRuns.closeOut(options.lease());
            }
            return runner.run(record, options);
        }

        /**
         * Ends this batch while its tasks still run, because the process is stopping: its unfinished runs become
         * error {@value StrandedRuns#INTERRUPTED}, its claims are released, and the batch is recorded as stopped.
         * Returns the summary.
         */
        public BatchSummary cutShort() {
            List<String> interrupted = strandedRuns.closeOutBatch(batchId());
            return runner.recordCutShort(batchId(), interrupted.size());
        }
    }
}
