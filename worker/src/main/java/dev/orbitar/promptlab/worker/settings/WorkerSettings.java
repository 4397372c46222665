package dev.orbitar.promptlab.worker.settings;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every setting of one worker process, validated once at start by {@link WorkerSettingsLoader}.
 *
 * @param database the database from DATABASE_URL, or null to start the embedded PostgreSQL under dataDir
 * @param dataDir the absolute folder of the embedded database and other local state
 * @param batchLimit the maximum number of tasks one batch runs
 * @param maxSafe the largest batchLimit that may run; a larger one aborts the batch (see
 *     {@link #batchLimitAboveMaxSafe()})
 * @param dryRun true to write nothing and log what would be written
 * @param modelName the model that refines every task, or null for the per-category defaults
 * @param concurrency how many tasks run at once
 * @param lease how long a claimed task stays claimed before another worker may take it
 * @param migrate false to never run the worker's schema migrations
 * @param workerSchema the PostgreSQL schema of the worker's own tables
 * @param templatesDir an absolute folder of extra template files, or null
 * @param openRouterApiKey the OpenRouter API key, or null to refine offline
 * @param budgetUsd the provider cost at which a batch starts no new task, or null for no budget
 */
public record WorkerSettings(
        DatabaseSettings database,
        Path dataDir,
        int batchLimit,
        int maxSafe,
        boolean dryRun,
        String modelName,
        int concurrency,
        Duration lease,
        boolean migrate,
        String workerSchema,
        Path templatesDir,
        Secret openRouterApiKey,
        BigDecimal budgetUsd) {

    /** Returns true when no DATABASE_URL was given and the worker runs its own PostgreSQL. */
    public boolean usesEmbeddedDatabase() {
        return database == null;
    }

    /**
     * Returns true when the batch limit is above the safe maximum. That is not a setting error: the batch aborts
     * with exit code 1 (and the HTTP trigger returns 400), as the previous worker did.
     */
    public boolean batchLimitAboveMaxSafe() {
        return batchLimit > maxSafe;
    }
}
