package dev.orbitar.promptlab.worker.batch;

/**
 * What one batch did.
 *
 * @param batchId the batch id
 * @param tasksClaimed tasks claimed (in a dry run: tasks that would have been claimed)
 * @param runsCreated LabRun rows inserted, failed runs included
 * @param scoresCreated LabScore rows inserted
 * @param failures runs that ended as {@code error}
 * @param released claimed tasks given back unrun because the batch stopped early
 * @param stopReason why the batch stopped early, or null when it ran every claimed task
 */
public record BatchSummary(
        String batchId,
        int tasksClaimed,
        int runsCreated,
        int scoresCreated,
        int failures,
        int released,
        String stopReason) {

    /** Returns true when the batch stopped before running every claimed task. */
    public boolean stoppedEarly() {
        return stopReason != null;
    }

    /** Returns the status recorded in the batch ledger. */
    public String status() {
        return stoppedEarly() ? "stopped" : "completed";
    }
}
