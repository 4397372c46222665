package dev.orbitar.promptlab.worker.batch;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * How one batch runs.
 *
 * @param batchLimit the number of tasks to claim
 * @param concurrency tasks refined at once
 * @param lease how long a claimed task stays claimed
 * @param dryRun true to write nothing and log what would be written
 * @param budgetUsd the provider cost at which no new task starts, or null for no budget
 */
public record BatchOptions(int batchLimit, int concurrency, Duration lease, boolean dryRun, BigDecimal budgetUsd) {
}
