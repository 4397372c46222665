package dev.orbitar.promptlab.worker.experiments;

/**
 * The thresholds of an experiment's recommendation. Every interval is the report's two-sided 95% Student t
 * interval, so the significance level is 0.05.
 *
 * @param scoreMargin how much lower (0..1 score points) a candidate's structure, contract or domain score may be
 *     than ga's before the candidate cannot be promoted
 * @param errorRateMargin how much higher (as a fraction of runs, 0.02 = 2 points) its error rate may be
 * @param costMargin how much more its cost per run may be, as a fraction of ga's (0.10 = 10%)
 * @param minimumEffect the smallest overall improvement worth promoting: a candidate whose interval for the
 *     overall difference lies below it is retired
 * @param minimumPairs paired tasks a candidate needs before it is promoted or retired
 * @param power the probability of settling the question, used to estimate how many more paired tasks are needed
 */
public record ExperimentCriteria(double scoreMargin, double errorRateMargin, double costMargin, double minimumEffect,
        int minimumPairs, double power) {

    public static final double DEFAULT_SCORE_MARGIN = 0.02;
    public static final double DEFAULT_ERROR_RATE_MARGIN = 0.02;
    public static final double DEFAULT_COST_MARGIN = 0.10;
    public static final double DEFAULT_MINIMUM_EFFECT = 0.01;
    public static final int DEFAULT_MINIMUM_PAIRS = 10;
    public static final double DEFAULT_POWER = 0.80;

    public ExperimentCriteria {
        if (scoreMargin < 0 || errorRateMargin < 0 || costMargin < 0 || minimumEffect < 0) {
            throw new IllegalArgumentException("Margins and the minimum effect must be 0 or more");
        }
        if (minimumPairs < 2) {
            throw new IllegalArgumentException("minimumPairs must be 2 or more, because an interval needs two");
        }
        if (power <= 0 || power >= 1) {
            throw new IllegalArgumentException("power must be between 0 and 1, exclusive");
        }
    }

    /** Returns the default criteria. */
    public static ExperimentCriteria defaults() {
        return new ExperimentCriteria(DEFAULT_SCORE_MARGIN, DEFAULT_ERROR_RATE_MARGIN, DEFAULT_COST_MARGIN,
                DEFAULT_MINIMUM_EFFECT, DEFAULT_MINIMUM_PAIRS, DEFAULT_POWER);
    }
}
