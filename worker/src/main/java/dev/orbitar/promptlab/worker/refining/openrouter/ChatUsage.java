package dev.orbitar.promptlab.worker.refining.openrouter;

import java.math.BigDecimal;

/**
 * The cost of the attempts of one call, summed over every attempt the provider reported usage for, because a
 * retried empty response is billed too.
 *
 * @param attempts requests sent
 * @param latencyMillis wall time from the first attempt to the outcome, waits included
 * @param promptTokens prompt tokens, or null when no attempt reported them
 * @param completionTokens completion tokens, or null when no attempt reported them
 * @param costUsd the provider's {@code usage.cost}, or null when no attempt reported it (never zero for unknown)
 */
public record ChatUsage(
        int attempts,
        long latencyMillis,
        Integer promptTokens,
        Integer completionTokens,
        BigDecimal costUsd) {
}
