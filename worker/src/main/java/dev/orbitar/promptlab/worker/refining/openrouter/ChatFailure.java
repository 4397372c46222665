package dev.orbitar.promptlab.worker.refining.openrouter;

/**
 * A call that produced no text after the retry policy gave up. The message is for logs: it never contains the
 * API key, because the client removes it from anything the provider sends back.
 */
public class ChatFailure extends Exception {

    private final String code;
    private final boolean stopsBatch;
    private final transient ChatUsage usage;

    public ChatFailure(String code, String message, boolean stopsBatch, ChatUsage usage, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.stopsBatch = stopsBatch;
        this.usage = usage;
    }

    /** Returns the failure code, one of {@link FailureCode}. */
    public String code() {
        return code;
    }

    /** Returns true when every other call would fail the same way (bad key, no credit, daily quota). */
    public boolean stopsBatch() {
        return stopsBatch;
    }

    /** Returns what the attempts cost. */
    public ChatUsage usage() {
        return usage;
    }
}
