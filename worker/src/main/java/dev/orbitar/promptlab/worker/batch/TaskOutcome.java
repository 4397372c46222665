package dev.orbitar.promptlab.worker.batch;

import java.math.BigDecimal;

/**
 * The outcome of one claimed task: one run, or several when an experiment runs the task through more than one
 * template version.
 *
 * @param runsCreated LabRun rows inserted
 * @param scoresCreated LabScore rows inserted
 * @param failures runs that ended as {@code error}
 * @param costUsd provider cost of the task's runs, or null when no run reported one
 * @param stopReason a reason to stop the whole batch (every other call would fail the same way), or null
 */
record TaskOutcome(int runsCreated, int scoresCreated, int failures, BigDecimal costUsd, String stopReason) {

    /** The outcome of a task before any of its runs. */
    static final TaskOutcome NONE = new TaskOutcome(0, 0, 0, null, null);

    /** Returns this outcome with the next run's added; the first stop reason wins. */
    TaskOutcome plus(TaskOutcome next) {
        BigDecimal cost = costUsd;
        if (cost == null) {
            cost = next.costUsd;
        } else if (next.costUsd != null) {
            cost = cost.add(next.costUsd);
        }

        return new TaskOutcome(runsCreated + next.runsCreated, scoresCreated + next.scoresCreated,
                failures + next.failures, cost, stopReason != null ? stopReason : next.stopReason);
    }
}
