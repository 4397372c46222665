package dev.orbitar.promptlab.worker.scoring.judge;

import dev.orbitar.promptlab.worker.refining.openrouter.ChatUsage;

/**
 * The outcome of one judgement: a verdict, or an error code. An error is never a score.
 *
 * @param model the model that produced the response, or the requested one when the call failed
 * @param verdict the scores, or null when the judgement failed
 * @param errorCode a short code when the judgement failed ({@code unparseable_answer} or a provider failure code)
 * @param errorMessage the failure for logs, or null
 * @param usage attempts, tokens and cost of the judge call, or null when nothing was sent
 */
public record JudgeResult(String model, JudgeVerdict verdict, String errorCode, String errorMessage,
        ChatUsage usage) {

    public boolean succeeded() {
        return verdict != null;
    }
}
