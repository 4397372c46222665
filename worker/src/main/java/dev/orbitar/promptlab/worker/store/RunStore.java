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
    String completeWithScore(String batchId, String runId, LabTask task, Refinement refinement, ScoreCard score);

    /**
     * In one transaction: sets the run {@code error} with a short code, keeps the refined prompt when there was
     * one (a {@code score_failed} run), records the usage when known, and marks the task's claim finished.
     */
    void markFailed(String batchId, String runId, LabTask task, String errorCode, Refinement refinementOrNull,
            RefineUsage usageOrNull);
}
