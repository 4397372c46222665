package dev.orbitar.promptlab.worker.store;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.refining.Refinement;
import dev.orbitar.promptlab.worker.refining.RefineUsage;
import dev.orbitar.promptlab.worker.scoring.ScoreCard;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;

/** Writes LabRun and LabScore rows and the worker's per-run bookkeeping. Thread-safe. */
public interface RunStore {

    /** Inserts a LabRun with status {@code pending} for a claimed task and returns its id. */
    String insertPending(String batchId, LabTask task, PromptTemplate template, String modelName);

    /**
     * In one transaction: sets the run {@code done} with the refined prompt and the answering model, inserts its
     * LabScore, records the usage, and marks the task's claim finished (its last run time is now).
     * Returns the LabScore id.
     */
    default String completeWithScore(String batchId, String runId, LabTask task, Refinement refinement,
            ScoreCard score) {
        return completeWithScore(batchId, runId, task, refinement, score, true);
    }

    /**
     * As {@link #completeWithScore(String, String, LabTask, Refinement, ScoreCard)}, but keeps the task's claim
     * when {@code finishesTask} is false, because more runs of the task follow in this batch.
     */
    String completeWithScore(String batchId, String runId, LabTask task, Refinement refinement, ScoreCard score,
            boolean finishesTask);

    /**
     * In one transaction: sets the run {@code error} with a short code, keeps the refined prompt when there was
     * one (a {@code score_failed} run), records the usage when known, and marks the task's claim finished.
     */
    default void markFailed(String batchId, String runId, LabTask task, String errorCode,
            Refinement refinementOrNull, RefineUsage usageOrNull) {
        markFailed(batchId, runId, task, errorCode, refinementOrNull, usageOrNull, true);
    }

    /**
     * As {@link #markFailed(String, String, LabTask, String, Refinement, RefineUsage)}, but keeps the task's claim
     * when {@code finishesTask} is false, because more runs of the task follow in this batch.
     */
    void markFailed(String batchId, String runId, LabTask task, String errorCode, Refinement refinementOrNull,
            RefineUsage usageOrNull, boolean finishesTask);
}
