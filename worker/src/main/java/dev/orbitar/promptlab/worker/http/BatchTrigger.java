package dev.orbitar.promptlab.worker.http;

import dev.orbitar.promptlab.worker.batch.BatchSummary;

/** Runs one batch for an HTTP request; the worker's start-up code implements it with the batch runner. */
public interface BatchTrigger {

    /**
     * Runs one batch to the end on the calling thread and returns its summary. The request's trace is in the
     * calling thread's MDC while this runs.
     *
     * @throws BatchCutShortException when the process stopped before the batch finished; the response is 503
     * @throws RuntimeException when the batch could not run or record its work; the response is 500
     */
    BatchSummary runBatch(TriggerContext context);

    /** Asks a running batch to start no new task, because the process is stopping. Called from another thread. */
    default void requestStop(String reason) {
    }
}
