package dev.orbitar.promptlab.worker.batch;

/** The reason a batch stopped before running every claimed task. */
public enum StopCause {

    /** The cost budget was reached: an expected end, not a failure. */
    BUDGET(false),

    /** The provider refused in a way every other call would repeat (bad key, no credit, daily quota). */
    PROVIDER_REFUSAL(true),

    /** The process is stopping (SIGTERM) or an operator asked the batch to stop. */
    SHUTDOWN(true),

    /** A task's result could not be written, so the others could not be either. */
    STORE_FAILURE(true);

    private final boolean failure;

    StopCause(boolean failure) {
        this.failure = failure;
    }

    /** Returns true when a batch that stopped for this cause should end with a non-zero exit code. */
    public boolean isFailure() {
        return failure;
    }
}
