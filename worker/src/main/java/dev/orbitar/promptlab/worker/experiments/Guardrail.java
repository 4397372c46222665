package dev.orbitar.promptlab.worker.experiments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.orbitar.promptlab.worker.report.ScoreStatistics;

/**
 * A candidate against ga on one guardrail measure. "Worse by" is signed so that a positive value is worse for the
 * candidate: ga minus candidate for scores, candidate minus ga for error rate and cost.
 *
 * @param measure the measure
 * @param n paired tasks with the measure for both versions
 * @param worseBy the mean "worse by" value, or null when n is 0
 * @param worseLow the lower bound of its 95% interval, or null when n is below 2
 * @param worseHigh the upper bound of its 95% interval, or null when n is below 2
 * @param margin the largest acceptable "worse by" value, in the measure's unit
 * @param verdict what the interval shows against the margin
 * @param standardDeviation the standard deviation of the per-task values, or null when n is below 2
 */
public record Guardrail(GuardrailMeasure measure, int n, Double worseBy, Double worseLow, Double worseHigh,
        double margin, GuardrailVerdict verdict, @JsonIgnore Double standardDeviation) {

    /** Judges "worse by" values against a margin. */
    static Guardrail of(GuardrailMeasure measure, PairedValues worseBy, double margin) {
        return new Guardrail(measure, worseBy.n(), worseBy.mean(), worseBy.ciLow(), worseBy.ciHigh(), margin,
                verdict(worseBy, margin), worseBy.standardDeviation());
    }

    private static GuardrailVerdict verdict(PairedValues worseBy, double margin) {
        if (worseBy.n() == 0) {
            return GuardrailVerdict.NOT_MEASURED;
        }
        if (worseBy.ciLow() == null) {
            return GuardrailVerdict.UNDECIDED;
        }
        if (worseBy.ciHigh() <= margin + ScoreStatistics.TOLERANCE) {
            return GuardrailVerdict.HOLDS;
        }
        if (worseBy.ciLow() > margin + ScoreStatistics.TOLERANCE) {
            return GuardrailVerdict.BREACHED;
        }
        return GuardrailVerdict.UNDECIDED;
    }
}
