package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.report.ScoreStatistics;
import java.util.OptionalLong;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Estimates how many paired tasks settle a question at the effect observed so far: the power calculation of a
 * paired t-test.
 *
 * <p>Let s be the standard deviation of the per-task differences and d the distance between the observed mean
 * difference and the bound being tested (0 for "is the candidate better or worse", the margin for a guardrail).
 * The report's two-sided 95% interval (alpha = 0.05) then excludes the bound with probability {@code power} once
 * <pre>
 *     n >= ((t(1 - alpha/2; n - 1) + t(power; n - 1)) * s / d)^2
 * </pre>
 * where t(q; df) is the q-quantile of Student's t distribution. The smallest such n is searched upwards from the
 * normal approximation n0 = ((z(1 - alpha/2) + z(power)) * s / d)^2, which is never larger. The estimate takes the
 * observed s and d as the true values, so it is only as good as they are: with few tasks it can be far off.
 */
public final class PairedSampleSize {

    /** The largest estimate returned; a larger need is reported as this many tasks. */
    public static final long MAX_TASKS = 10_000_000;

    private static final double ALPHA = 1 - ScoreStatistics.CONFIDENCE;

    private PairedSampleSize() {
    }

    /**
     * Returns the total number of paired tasks (not the additional ones) that settle the question, at least 2, or
     * empty when the observed distance is zero and no number of tasks would settle it.
     *
     * @param standardDeviation the standard deviation of the per-task differences
     * @param distance the observed mean difference minus the bound, in either direction
     * @param power the probability of settling the question, between 0 and 1
     */
    public static OptionalLong pairedTasksNeeded(double standardDeviation, double distance, double power) {
        double effect = Math.abs(distance);
        if (effect <= ScoreStatistics.TOLERANCE) {
            return OptionalLong.empty();
        }
        if (standardDeviation <= ScoreStatistics.TOLERANCE) {
            // Without spread the interval is a point, so two tasks already show where it lies.
            return OptionalLong.of(2);
        }

        double ratio = standardDeviation / effect;
        NormalDistribution normal = new NormalDistribution();
        double normalQuantiles = normal.inverseCumulativeProbability(1 - ALPHA / 2)
                + normal.inverseCumulativeProbability(power);
        double approximation = Math.pow(normalQuantiles * ratio, 2);
        if (approximation >= MAX_TASKS) {
            return OptionalLong.of(MAX_TASKS);
        }

        long n = Math.max(2, (long) Math.ceil(approximation));
        while (n < MAX_TASKS && n < required(n, ratio, power)) {
            n++;
        }
        return OptionalLong.of(n);
    }

    private static double required(long n, double ratio, double power) {
        TDistribution t = new TDistribution(n - 1);
        double quantiles = t.inverseCumulativeProbability(1 - ALPHA / 2) + t.inverseCumulativeProbability(power);
        return Math.pow(quantiles * ratio, 2);
    }
}
