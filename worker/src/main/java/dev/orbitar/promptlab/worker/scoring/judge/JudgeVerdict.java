package dev.orbitar.promptlab.worker.scoring.judge;

import java.util.Map;

/**
 * The judge's scores of one refined prompt.
 *
 * @param scores each rubric dimension's score, normalised to 0..1
 * @param reasons each dimension's short reason, when the judge gave one
 * @param overall the mean of the dimension scores, in 0..1
 * @param sourceScale the scale the judge scored on: {@code 0-10} or {@code 0-1}
 */
public record JudgeVerdict(Map<String, Double> scores, Map<String, String> reasons, double overall,
        String sourceScale) {

    public JudgeVerdict {
        scores = Map.copyOf(scores);
        reasons = Map.copyOf(reasons);
    }
}
