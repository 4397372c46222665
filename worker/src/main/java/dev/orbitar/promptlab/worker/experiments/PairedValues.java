package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.report.MeanEstimate;
import dev.orbitar.promptlab.worker.report.ScoreStatistics;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Per-task differences (candidate minus ga) of one measure, with their mean, 95% Student t interval and standard
 * deviation.
 *
 * @param n the number of paired tasks
 * @param mean the mean difference, or null when n is 0
 * @param ciLow the interval's lower bound, or null when n is below 2
 * @param ciHigh the interval's upper bound, or null when n is below 2
 * @param standardDeviation the sample standard deviation, or null when n is below 2
 */
record PairedValues(int n, Double mean, Double ciLow, Double ciHigh, Double standardDeviation) {

    static PairedValues of(List<Double> differences) {
        MeanEstimate estimate = ScoreStatistics.meanWithInterval(differences);
        Double standardDeviation = null;
        if (differences.size() >= 2) {
            SummaryStatistics summary = new SummaryStatistics();
            differences.forEach(summary::addValue);
            standardDeviation = summary.getStandardDeviation();
        }
        return new PairedValues(estimate.n(), estimate.mean(), estimate.ciLow(), estimate.ciHigh(),
                standardDeviation);
    }

    /** Returns the values with the sign turned, so that a measure where lower is worse reads as "worse by". */
    PairedValues negated() {
        return new PairedValues(n, negate(mean), negate(ciHigh), negate(ciLow), standardDeviation);
    }

    private static Double negate(Double value) {
        return value == null ? null : -value;
    }
}
