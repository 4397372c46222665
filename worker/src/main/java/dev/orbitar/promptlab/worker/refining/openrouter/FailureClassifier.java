package dev.orbitar.promptlab.worker.refining.openrouter;

import java.util.List;
import java.util.Locale;

/**
 * Maps a provider error status (from the HTTP status line, or from an error object inside a 200 response) and
 * its message to a {@link Classification}. Status meanings follow OpenRouter's error reference.
 */
public final class FailureClassifier {

    private static final List<String> CONTEXT_LENGTH_MARKERS = List.of(
            "context length", "context_length", "context window", "maximum context", "too many tokens",
            "prompt is too long", "reduce the length");
    private static final List<String> MODERATION_MARKERS = List.of(
            "moderation", "flagged", "content policy", "content_policy", "safety");
    // Daily caps (OpenRouter's free-model requests per day) and exhausted billing quotas end the batch. A
    // per-minute limit does not, so the bare word "quota" is not enough.
    private static final List<String> QUOTA_MARKERS = List.of(
            "per-day", "per day", "per_day", "perday", "daily", "insufficient_quota",
            "exceeded your current quota");

    private FailureClassifier() {
    }

    /**
     * Classifies an error status.
     *
     * @param status the HTTP status or the error object's code
     * @param text the provider's message and metadata, for recognising the cause
     * @param hasRetryAfter whether the response carried a valid Retry-After header
     */
    public static Classification classify(int status, String text, boolean hasRetryAfter) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        switch (status) {
            case 400:
                return Classification.permanent(containsAny(lower, CONTEXT_LENGTH_MARKERS)
                        ? FailureCode.CONTEXT_LENGTH_EXCEEDED : FailureCode.BAD_REQUEST);
            case 401:
                return Classification.batchStopping(FailureCode.UNAUTHORIZED);
            case 402:
                // With a Retry-After the provider expects the credit state to change (e.g. a top-up in flight).
                return hasRetryAfter
                        ? new Classification(FailureCode.PAYMENT_REQUIRED, true, true)
                        : Classification.batchStopping(FailureCode.PAYMENT_REQUIRED);
            case 403:
                return Classification.permanent(containsAny(lower, MODERATION_MARKERS)
                        ? FailureCode.MODERATION_FLAGGED : FailureCode.FORBIDDEN);
            case 404:
                return Classification.permanent(FailureCode.MODEL_NOT_FOUND);
            case 408, 504:
                return Classification.transientFailure(FailureCode.TIMEOUT);
            case 413:
                return Classification.permanent(FailureCode.CONTEXT_LENGTH_EXCEEDED);
            case 429:
                return containsAny(lower, QUOTA_MARKERS)
                        ? Classification.batchStopping(FailureCode.QUOTA_EXHAUSTED)
                        : Classification.transientFailure(FailureCode.RATE_LIMITED);
            case 500, 502:
                return Classification.transientFailure(FailureCode.PROVIDER_ERROR);
            case 503:
                return Classification.transientFailure(FailureCode.PROVIDER_UNAVAILABLE);
            default:
                return Classification.permanent(status >= 500 ? FailureCode.PROVIDER_ERROR : FailureCode.BAD_REQUEST);
        }
    }

    private static boolean containsAny(String text, List<String> markers) {
        return markers.stream().anyMatch(text::contains);
    }
}
