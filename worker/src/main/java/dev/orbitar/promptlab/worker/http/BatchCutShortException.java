package dev.orbitar.promptlab.worker.http;

import dev.orbitar.promptlab.worker.batch.BatchSummary;

/**
 * Thrown by {@link BatchTrigger#runBatch} when the process stops before the batch's running tasks finish: their
 * runs were set to error {@code interrupted}, the batch's claims released and the batch recorded as stopped.
 */
public final class BatchCutShortException extends RuntimeException {

    private final transient BatchSummary summary;

    public BatchCutShortException(BatchSummary summary) {
        super("Batch " + summary.batchId() + " was cut short by " + summary.stopReason());
        this.summary = summary;
    }

    /** Returns what the batch recorded before it was cut short. */
    public BatchSummary summary() {
        return summary;
    }
}
