package dev.orbitar.promptlab.worker.store;

import java.time.Instant;
import java.util.Map;

/**
 * One batch as recorded in the worker's own schema.
 *
 * @param batchId the batch id, also written to every log line of the batch
 * @param startedAt when the batch started (UTC)
 * @param engine the refine engine name
 * @param modelName the model override, or null when the engine chooses per category
 * @param batchLimit the number of tasks asked for
 * @param dryRun whether nothing is written to the application's tables
 * @param origin where the batch runs: keys such as {@code cloudRunExecution}, {@code cloudRunTaskIndex},
 *     {@code cloudRunTaskAttempt}, {@code kubernetesJob}, {@code kubernetesPod}, {@code hostname}
 */
public record BatchRecord(
        String batchId,
        Instant startedAt,
        String engine,
        String modelName,
        int batchLimit,
        boolean dryRun,
        Map<String, String> origin) {

    public BatchRecord {
        origin = Map.copyOf(origin);
    }
}
