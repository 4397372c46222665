package dev.orbitar.promptlab.worker.batch;

/**
 * The counts and end state of one batch.
 *
 * @param batchId the batch id
 * @param tasksClaimed tasks claimed (in a dry run: tasks that would have been claimed)
 * @param runsCreated LabRun rows inserted, failed runs included
 * @param scoresCreated LabScore rows inserted
 * @param failures runs that ended as {@code error}
 * @param released claimed tasks given back unrun because the batch stopped early
 * @param stopCause why the batch stopped early, or null when it ran every claimed task
 * @param stopReason the stop in words, for logs and the termination message, or null
 */
public record BatchSummary(
        String batchId,
        int tasksClaimed,
        int runsCreated,
        int scoresCreated,
        int failures,
        int released,
        StopCause stopCause,
        String stopReason) {

    /** Returns true when the batch stopped before running every claimed task. */
    public boolean stoppedEarly() {
        return stopCause != null;
    }

    /** Returns the status recorded in the batch ledger. */
    public String status() {
        return stoppedEarly() ? "stopped" : "completed";
    }
}
