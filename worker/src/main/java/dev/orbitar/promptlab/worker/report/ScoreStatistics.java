package dev.orbitar.promptlab.worker.report;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/** Means, Student t intervals, paired t-tests and percentiles, with the small-sample cases made explicit. */
public final class ScoreStatistics {

    /** Two-sided confidence level of every interval in the report. */
    public static final double CONFIDENCE = 0.95;

    /**
     * Differences and spreads at or below this are treated as zero. Scores are doubles, so values that are equal
     * in decimal (0.8 - 0.7 and 0.7 - 0.6) can differ in the last bits. Without the tolerance such a tie would
     * count as a win, and a zero variance would give an enormous t statistic.
     */
    public static final double TOLERANCE = 1e-9;

    private ScoreStatistics() {
    }

    /** Returns the mean of the values with its 95% Student t interval (no interval below two values). */
    public static MeanEstimate meanWithInterval(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            return new MeanEstimate(null, null, null, 0);
        }

        SummaryStatistics summary = summarise(values);
        double mean = summary.getMean();
        if (n == 1) {
            return new MeanEstimate(mean, null, null, 1);
        }

        double halfWidth = halfWidth(summary);
        return new MeanEstimate(mean, mean - halfWidth, mean + halfWidth, n);
    }

    /**
     * Runs the paired t-test on per-task differences (candidate minus baseline) and counts wins.
     *
     * @param differences one difference per task that both versions scored
     */
    public static PairedDifference pairedTest(Score score, List<Double> differences) {
        int candidateWins = 0;
        int baselineWins = 0;
        int ties = 0;
        for (double difference : differences) {
            if (difference > TOLERANCE) {
                candidateWins++;
            } else if (difference < -TOLERANCE) {
                baselineWins++;
            } else {
                ties++;
            }
        }

        MeanEstimate estimate = meanWithInterval(differences);
        int n = estimate.n();
        if (n < 2) {
            return new PairedDifference(score, n, estimate.mean(), null, null, null, null, null,
                    candidateWins, baselineWins, ties);
        }

        int df = n - 1;
        SummaryStatistics summary = summarise(differences);
        double standardError = summary.getStandardDeviation() / Math.sqrt(n);
        Double t = null;
        Double p = null;
        // With zero variance t is 0/0 or infinite, so the test is left out and the point interval shows the result.
        if (summary.getStandardDeviation() > TOLERANCE) {
            t = summary.getMean() / standardError;
            p = 2 * new TDistribution(df).cumulativeProbability(-Math.abs(t));
        }
        return new PairedDifference(score, n, estimate.mean(), estimate.ciLow(), estimate.ciHigh(), t, df, p,
                candidateWins, baselineWins, ties);
    }

    /**
     * Returns the p-th percentile (0 < p <= 100) by linear interpolation between order statistics (the R-7
     * definition, the default of R and NumPy), or null for no values.
     */
    public static Double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        return new Percentile().withEstimationType(EstimationType.R_7).evaluate(array, p);
    }

    private static double halfWidth(SummaryStatistics summary) {
        double standardDeviation = summary.getStandardDeviation();
        if (standardDeviation <= TOLERANCE) {
            return 0;
        }
        long n = summary.getN();
        double quantile = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        return quantile * standardDeviation / Math.sqrt(n);
    }

    private static SummaryStatistics summarise(List<Double> values) {
        SummaryStatistics summary = new SummaryStatistics();
        values.forEach(summary::addValue);
        return summary;
    }
}
