package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.report.RunRow;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One run of an experiment as the experiment report reads it: the LabRun with its latest LabScore and usage, as
 * {@link RunRow} has them, and the arm the worker recorded for it.
 */
public record ExperimentRun(
        String arm,
        String runId,
        String templateSlug,
        String templateVersion,
        String taskType,
        String syntheticTaskId,
        String promptSampleId,
        String modelName,
        String status,
        Instant createdAt,
        String category,
        Double structureScore,
        Double contractScore,
        Double domainScore,
        Double overallScore,
        String engine,
        Long latencyMillis,
        BigDecimal costUsd) {

    /** Returns the run in the form the report's comparison reads. */
    public RunRow toRunRow() {
        return new RunRow(runId, templateSlug, templateVersion, taskType, syntheticTaskId, promptSampleId, modelName,
                status, createdAt, category, structureScore, contractScore, domainScore, overallScore, engine,
                latencyMillis, costUsd);
    }
}
