package dev.orbitar.promptlab.worker.report;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One template version's line of the leaderboard.
 *
 * @param templateSlug the template slug
 * @param templateVersion the template version
 * @param runs every LabRun of the version in the selection, whatever its status
 * @param done runs with status {@code done}
 * @param failed runs with status {@code error}
 * @param pending runs still {@code pending} (running, or left behind by a crashed worker)
 * @param syntheticRuns runs of SyntheticTask rows
 * @param sampleRuns runs of PromptSample rows
 * @param structure mean structure score of the done runs, with its interval
 * @param contract mean contract score of the done runs, with its interval
 * @param domain mean domain score of the done runs, with its interval
 * @param overall mean overall score of the done runs, with its interval
 * @param errorRate failed / (done + failed), or null when no run finished
 * @param medianLatencyMs median refinement latency over runs with a usage row, or null when none has one
 * @param totalCostUsd sum of the known costs, or null when no run has a known cost
 * @param lastRunAt when the newest run was created
 */
public record LeaderboardRow(
        String templateSlug,
        String templateVersion,
        int runs,
        int done,
        int failed,
        int pending,
        int syntheticRuns,
        int sampleRuns,
        MeanEstimate structure,
        MeanEstimate contract,
        MeanEstimate domain,
        MeanEstimate overall,
        Double errorRate,
        Double medianLatencyMs,
        BigDecimal totalCostUsd,
        Instant lastRunAt) {

    public TemplateVersion templateKey() {
        return new TemplateVersion(templateSlug, templateVersion);
    }

    public MeanEstimate estimate(Score score) {
        return switch (score) {
            case STRUCTURE -> structure;
            case CONTRACT -> contract;
            case DOMAIN -> domain;
            case OVERALL -> overall;
        };
    }
}
