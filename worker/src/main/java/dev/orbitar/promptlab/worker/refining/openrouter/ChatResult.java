package dev.orbitar.promptlab.worker.refining.openrouter;

/**
 * A call that produced text.
 *
 * @param content the text of {@code choices[0].message.content}, without reasoning
 * @param model the model that produced the text (the response's {@code model}), or the requested one when absent
 * @param finishReason the provider's {@code finish_reason}, e.g. {@code stop} or {@code length}, or null
 * @param usage attempts, latency, tokens and cost
 */
public record ChatResult(String content, String model, String finishReason, ChatUsage usage) {
}
