package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.refining.RefineUsage;
import dev.orbitar.promptlab.worker.refining.Refinement;
import dev.orbitar.promptlab.worker.scoring.ScoreCard;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.RunStore;
import dev.orbitar.promptlab.worker.store.Transactions;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import java.util.Optional;

/**
 * A run store that also records, for every run of an experiment's task through one of the experiment's versions,
 * which experiment and arm the run belongs to. The LabRun and LabScore rows are written by the wrapped store
 * unchanged, so the application reads experiment runs like any other.
 */
public final class ExperimentRunStore implements RunStore {

    private final RunStore runs;
    private final ActiveExperiments experiments;
    private final Database database;

    public ExperimentRunStore(RunStore runs, ActiveExperiments experiments, Database database) {
        this.runs = runs;
        this.experiments = experiments;
        this.database = database;
    }

    /**
     * {@inheritDoc} Then records the run's experiment and arm, when it has one.
     *
     * <p>NOTE: the membership row is written in its own transaction after the LabRun's. When that write fails, the
     * exception ends the batch like any store failure, and the pending run is closed out later as an error run
     * that no experiment report counts.
     */
    @Override
    public String insertPending(String batchId, LabTask task, PromptTemplate template, String modelName) {
        String runId = runs.insertPending(batchId, task, template, modelName);

        Optional<Experiment> experiment = experiments.forTask(task);
        Optional<ExperimentArm> arm = experiment.flatMap(found -> found.armOf(template));
        if (arm.isPresent()) {
            Transactions.inTransaction(database, session -> {
                session.getMapper(ExperimentRunMapper.class).insert(runId, experiment.get().name(),
                        arm.get().wireValue(), template.slug(), template.version(), batchId, task.kind(), task.id());
                return null;
            });
        }
        return runId;
    }

    @Override
    public String completeWithScore(String batchId, String runId, LabTask task, Refinement refinement,
            ScoreCard score, boolean finishesTask) {
        return runs.completeWithScore(batchId, runId, task, refinement, score, finishesTask);
    }

    @Override
    public void markFailed(String batchId, String runId, LabTask task, String errorCode, Refinement refinementOrNull,
            RefineUsage usageOrNull, boolean finishesTask) {
        runs.markFailed(batchId, runId, task, errorCode, refinementOrNull, usageOrNull, finishesTask);
    }
}
