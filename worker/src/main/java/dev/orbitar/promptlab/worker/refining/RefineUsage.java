package dev.orbitar.promptlab.worker.refining;

import java.math.BigDecimal;

/**
 * What one refinement cost, recorded per LabRun in the worker's own schema.
 *
 * @param engine the engine name
 * @param latencyMillis wall time of the refinement, retries included
 * @param inputChars characters of input sent after the cap
 * @param inputTruncated whether the input was cut at the cap
 * @param attempts calls made, 1 when the first call succeeded
 * @param promptTokens prompt tokens reported by the provider, or null
 * @param completionTokens completion tokens reported by the provider, or null
 * @param costUsd cost reported by the provider, or null when unknown (never zero for unknown)
 * @param finishReason the provider's finish reason, or null
 */
public record RefineUsage(
        String engine,
        long latencyMillis,
        int inputChars,
        boolean inputTruncated,
        int attempts,
        Integer promptTokens,
        Integer completionTokens,
        BigDecimal costUsd,
        String finishReason) {

    /** Returns the usage of a refinement that made no provider call. */
    public static RefineUsage local(String engine, long latencyMillis, int inputChars, boolean inputTruncated) {
        return new RefineUsage(engine, latencyMillis, inputChars, inputTruncated, 1, null, null, null, null);
    }
}
