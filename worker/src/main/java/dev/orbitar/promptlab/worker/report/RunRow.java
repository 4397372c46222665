package dev.orbitar.promptlab.worker.report;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One LabRun as the report reads it, with its task's category, its latest LabScore (done runs only) and the
 * usage the worker recorded for it (null when the run has no usage row, e.g. runs of the Node.js worker).
 */
public record RunRow(
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

    public TemplateVersion templateKey() {
        return new TemplateVersion(templateSlug, templateVersion);
    }

    public boolean done() {
        return "done".equals(status);
    }

    public boolean failed() {
        return "error".equals(status);
    }

    public boolean pending() {
        return "pending".equals(status);
    }

    public boolean synthetic() {
        return "synthetic".equals(taskType);
    }

    public boolean sample() {
        return "sample".equals(taskType);
    }

    /**
     * Returns the key that pairs runs of two versions: the task type and id, or null when the task was deleted
     * (the foreign key sets the id to null).
     */
    public String taskKey() {
        if (syntheticTaskId != null) {
            return "synthetic:" + syntheticTaskId;
        }
        if (promptSampleId != null) {
            return "sample:" + promptSampleId;
        }
        return null;
    }

    public ScoreValues scores() {
        return new ScoreValues(structureScore, contractScore, domainScore, overallScore);
    }
}
