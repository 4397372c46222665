package dev.orbitar.promptlab.worker.scoring;

import java.util.Map;

/**
 * The scores of one refinement, each in 0..1, written as one LabScore row.
 *
 * @param structure structureScore
 * @param contract contractScore
 * @param domain domainScore
 * @param overall overallScore
 * @param metrics sub-scores and details, serialised as metricsJson
 */
public record ScoreCard(double structure, double contract, double domain, double overall, Map<String, Object> metrics) {

    public ScoreCard {
        metrics = Map.copyOf(metrics);
    }
}
