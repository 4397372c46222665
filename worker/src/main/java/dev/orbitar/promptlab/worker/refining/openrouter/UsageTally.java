package dev.orbitar.promptlab.worker.refining.openrouter;

import dev.orbitar.promptlab.worker.refining.openrouter.ChatResponse.AttemptUsage;
import java.math.BigDecimal;

/** Sums token counts and cost over the attempts of one call; a total stays null until an attempt reports it. */
final class UsageTally {

    private Integer promptTokens;
    private Integer completionTokens;
    private BigDecimal costUsd;

    void add(AttemptUsage usage) {
        if (usage.promptTokens() != null) {
            promptTokens = (promptTokens == null ? 0 : promptTokens) + usage.promptTokens();
        }
        if (usage.completionTokens() != null) {
            completionTokens = (completionTokens == null ? 0 : completionTokens) + usage.completionTokens();
        }
        if (usage.costUsd() != null) {
            costUsd = costUsd == null ? usage.costUsd() : costUsd.add(usage.costUsd());
        }
    }

    ChatUsage toUsage(int attempts, long latencyMillis) {
        return new ChatUsage(attempts, latencyMillis, promptTokens, completionTokens, costUsd);
    }
}
