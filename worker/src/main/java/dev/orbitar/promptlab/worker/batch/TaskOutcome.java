package dev.orbitar.promptlab.worker.batch;

import java.math.BigDecimal;

/**
 * What happened to one claimed task.
 *
 * @param runCreated whether a LabRun row was inserted
 * @param scoreCreated whether a LabScore row was inserted
 * @param failed whether the run ended as {@code error}
 * @param costUsd provider cost of the task, or null when unknown
 * @param stopReason a reason to stop the whole batch (every other call would fail the same way), or null
 */
record TaskOutcome(boolean runCreated, boolean scoreCreated, boolean failed, BigDecimal costUsd, String stopReason) {
}
