package dev.orbitar.promptlab.worker.store;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.picking.TaskClaimMapper;
import dev.orbitar.promptlab.worker.picking.TaskKind;
import dev.orbitar.promptlab.worker.refining.RefineUsage;
import dev.orbitar.promptlab.worker.refining.Refinement;
import dev.orbitar.promptlab.worker.scoring.ScoreCard;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;

/**
 * Writes LabRun and LabScore rows through MyBatis, with the worker's per-run bookkeeping (which batch made the run,
 * what it cost, the task's last run time) in the same transaction as the row it belongs to.
 */
public final class PostgresRunStore implements RunStore {

    private final Database database;

    public PostgresRunStore(Database database) {
        this.database = database;
    }

    @Override
    public String insertPending(String batchId, LabTask task, PromptTemplate template, String modelName) {
        String runId = Ids.next();
        boolean synthetic = task.kind() == TaskKind.SYNTHETIC;

        Transactions.inTransaction(database, session -> {
            session.getMapper(LabRunMapper.class).insertPending(runId, template.slug(), template.version(),
                    task.kind().wireValue(), synthetic ? task.id() : null, synthetic ? null : task.id(), modelName);
            session.getMapper(RunUsageMapper.class).insertBatchRun(runId, batchId, task.kind(), task.id());
            return null;
        });
        return runId;
    }

    /**
     * {@inheritDoc}
     *
     * @throws RunNotPendingException when the run is no longer pending; nothing is written then
     */
    @Override
    public String completeWithScore(String batchId, String runId, LabTask task, Refinement refinement,
            ScoreCard score, boolean finishesTask) {
        String scoreId = Ids.next();

        Transactions.inTransaction(database, session -> {
            int updated = session.getMapper(LabRunMapper.class)
                    .markDone(runId, refinement.text(), refinement.modelName());
            if (updated == 0) {
                throw new RunNotPendingException(runId);
            }

            session.getMapper(LabScoreMapper.class).insert(scoreId, runId, score);
            finishRun(session.getMapper(RunUsageMapper.class), batchId, runId, refinement.usage());
            if (finishesTask) {
                session.getMapper(TaskClaimMapper.class).finish(task.kind(), task.id(), batchId);
            }
            return null;
        });
        return scoreId;
    }

    /**
     * {@inheritDoc}
     *
     * @throws RunNotPendingException when the run is no longer pending; nothing is written then
     */
    @Override
    public void markFailed(String batchId, String runId, LabTask task, String errorCode, Refinement refinementOrNull,
            RefineUsage usageOrNull, boolean finishesTask) {
        String refinedPrompt = refinementOrNull == null ? null : refinementOrNull.text();
        String modelName = refinementOrNull == null ? null : refinementOrNull.modelName();
        RefineUsage usage = usageOrNull != null || refinementOrNull == null ? usageOrNull : refinementOrNull.usage();

        Transactions.inTransaction(database, session -> {
            int updated = session.getMapper(LabRunMapper.class)
                    .markError(runId, errorCode, refinedPrompt, modelName);
            if (updated == 0) {
                throw new RunNotPendingException(runId);
            }

            finishRun(session.getMapper(RunUsageMapper.class), batchId, runId, usage);
            if (finishesTask) {
                session.getMapper(TaskClaimMapper.class).finish(task.kind(), task.id(), batchId);
            }
            return null;
        });
    }

    private static void finishRun(RunUsageMapper mapper, String batchId, String runId, RefineUsage usage) {
        mapper.finishBatchRun(runId);
        if (usage != null) {
            mapper.insertUsage(runId, batchId, usage);
        }
    }
}
