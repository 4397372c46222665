package dev.orbitar.promptlab.worker.refining.openrouter;

/**
 * The handling of one failed attempt.
 *
 * @param code the failure code stored if no later attempt succeeds
 * @param retryable whether the retry policy may try again
 * @param stopsBatch whether every other call would fail the same way, so the batch stops
 */
public record Classification(String code, boolean retryable, boolean stopsBatch) {

    static Classification transientFailure(String code) {
        return new Classification(code, true, false);
    }

    static Classification permanent(String code) {
        return new Classification(code, false, false);
    }

    static Classification batchStopping(String code) {
        return new Classification(code, false, true);
    }
}
