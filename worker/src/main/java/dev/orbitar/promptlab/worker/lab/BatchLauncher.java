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
import dev.orbitar.promptlab.worker.store.PostgresBatchLedger;
import dev.orbitar.promptlab.worker.store.PostgresRunStore;
import dev.orbitar.promptlab.worker.store.RunStore;
import dev.orbitar.promptlab.worker.store.StrandedRuns;
import dev.orbitar.promptlab.worker.templates.TemplateResolver;
import java.time.Clock;
import java.util.Map;

/** Prepares and runs Lab batches on one database with one set of engines; each batch gets its own runner. */
public final class BatchLauncher {

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
        return new PreparedBatch(record, options, runner, new StrandedRuns(database));
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
     */
    public record PreparedBatch(BatchRecord record, BatchOptions options, BatchRunner runner,
            StrandedRuns strandedRuns) {

        /** Returns the batch id. */
        public String batchId() {
            return record.batchId();
        }

        /** Closes out what killed batches left behind, then runs this batch to the end. */
        public BatchSummary run() {
            if (!options.dryRun()) {
                strandedRuns.closeOut(options.lease());
            }
            return runner.run(record, options);
        }
    }
}
