package dev.orbitar.promptlab.worker.refining.openrouter;

import java.math.BigDecimal;

/** One chat-completions response body, read into the cases the client handles differently. */
public sealed interface ChatResponse {

    /**
     * Token counts and cost of one attempt, each null when the provider did not report it.
     *
     * @param promptTokens {@code usage.prompt_tokens}
     * @param completionTokens {@code usage.completion_tokens}
     * @param costUsd {@code usage.cost}, in US dollars (OpenRouter credits)
     */
    record AttemptUsage(Integer promptTokens, Integer completionTokens, BigDecimal costUsd) {

        static final AttemptUsage NONE = new AttemptUsage(null, null, null);
    }

    /** A choice with text. */
    record Answer(String content, String model, String finishReason, AttemptUsage usage) implements ChatResponse {
    }

    /** A choice whose content is null, empty, blank or reasoning only. */
    record EmptyAnswer(String model, String finishReason, AttemptUsage usage) implements ChatResponse {
    }

    /**
     * An error object: the body of an error status, or one delivered with HTTP 200 (top-level or in the choice).
     *
     * @param code the error object's numeric code, or null when absent or not a number
     * @param message the provider's message, or a description of the body when it was not an error object
     * @param detail the message plus the metadata as JSON, for recognising causes such as moderation
     */
    record ProviderError(Integer code, String message, String detail, AttemptUsage usage) implements ChatResponse {
    }

    /** A body that is not a chat completion: HTML, truncated JSON, or JSON without choices. */
    record Unreadable(String reason) implements ChatResponse {
    }
}
