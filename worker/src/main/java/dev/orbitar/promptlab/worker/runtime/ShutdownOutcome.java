package dev.orbitar.promptlab.worker.runtime;

/**
 * The result of the shutdown hook.
 *
 * @param reason why the process stops, e.g. {@code SIGTERM}
 * @param unfinished participants still running when the grace period ended
 * @param waited false when the application itself had started the exit, so nothing was waited for
 */
public record ShutdownOutcome(String reason, int unfinished, boolean waited) {

    /** Returns true when work was still running at the end of the grace period. */
    public boolean cutShort() {
        return unfinished > 0;
    }
}
