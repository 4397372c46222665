package dev.orbitar.promptlab.worker.store;

import java.time.Instant;

/** Records batches in the worker's own schema. */
public interface BatchLedger {

    /** Inserts the batch with status {@code running}. */
    void started(BatchRecord batch);

    /**
     * Records how the batch ended.
     *
     * @param status {@code completed}, {@code stopped} (cut short: signal, budget, provider refusal) or {@code failed}
     */
    void finished(String batchId, Instant finishedAt, String status, int runsCreated, int scoresCreated, int failures);
}
