package dev.orbitar.promptlab.worker.lab;

import dev.orbitar.promptlab.worker.batch.BatchOptions;
import dev.orbitar.promptlab.worker.batch.BatchRunner;
import dev.orbitar.promptlab.worker.batch.BatchSummary;
import dev.orbitar.promptlab.worker.batch.TaskProcessorParts;
import dev.orbitar.promptlab.worker.picking.PostgresTaskPicker;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import dev.orbitar.promptlab.worker.store.BatchRecord;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.Ids;
import dev.orbitar.promptlab.worker.store.PostgresBatchLedger;
import dev.orbitar.promptlab.worker.store.PostgresRunStore;
import dev.orbitar.promptlab.worker.store.StrandedRuns;
import dev.orbitar.promptlab.worker.templates.TemplateResolver;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Prepares and runs Lab batches on one database with one set of engines; each batch gets its own runner. */
public final class BatchLauncher {

    private final Database database;
    private final TemplateResolver templates;
    private final LabEngines engines;
    private final WorkerSettings settings;
    private final Clock clock;

    public BatchLauncher(Database database, TemplateResolver templates, LabEngines engines, WorkerSettings settings,
            Clock clock) {
        this.database = database;
        this.templates = templates;
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
                new TaskProcessorParts(templates, engines.engine(), engines.scorer(), new PostgresRunStore(database)),
                clock);
        return new PreparedBatch(record, options, runner, new StrandedRuns(database));
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
