package dev.orbitar.promptlab.worker.refining.openrouter;

/** The failure codes of provider calls, stored as LabRun.errorMessage. docs/openrouter.md lists when each occurs. */
public final class FailureCode {

    public static final String BAD_REQUEST = "bad_request";
    public static final String CONTEXT_LENGTH_EXCEEDED = "context_length_exceeded";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String PAYMENT_REQUIRED = "payment_required";
    public static final String MODERATION_FLAGGED = "moderation_flagged";
    public static final String FORBIDDEN = "forbidden";
    public static final String MODEL_NOT_FOUND = "model_not_found";
    public static final String TIMEOUT = "timeout";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String QUOTA_EXHAUSTED = "quota_exhausted";
    public static final String PROVIDER_ERROR = "provider_error";
    public static final String PROVIDER_UNAVAILABLE = "provider_unavailable";
    public static final String CONNECTION_FAILED = "connection_failed";
    public static final String INVALID_RESPONSE = "invalid_response";
    public static final String EMPTY_OUTPUT = "empty_output";
    public static final String INTERRUPTED = "interrupted";

    private FailureCode() {
    }
}
