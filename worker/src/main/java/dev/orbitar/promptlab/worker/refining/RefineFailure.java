package dev.orbitar.promptlab.worker.refining;

/**
 * A refinement that produced no prompt. The code is short and machine-readable (stored as LabRun.errorMessage);
 * the message is for logs and must never contain a secret.
 */
public class RefineFailure extends Exception {

    private final String code;
    private final boolean stopsBatch;
    private final transient RefineUsage usage;

    public RefineFailure(String code, String message, boolean stopsBatch, RefineUsage usage, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.stopsBatch = stopsBatch;
        this.usage = usage;
    }

    /** Returns the code stored as LabRun.errorMessage, e.g. {@code refine_failed} or {@code empty_output}. */
    public String code() {
        return code;
    }

    /** Returns true when every other call would fail the same way (bad key, no credit), so the batch stops. */
    public boolean stopsBatch() {
        return stopsBatch;
    }

    /** Returns what the failed attempts cost, or null when nothing was sent. */
    public RefineUsage usage() {
        return usage;
    }
}
