package dev.orbitar.promptlab.worker.report;

/**
 * The paired comparison of one score over the tasks both versions ran. Each difference is candidate minus
 * baseline, so a positive mean favours the candidate.
 *
 * @param score the score compared
 * @param n tasks where both versions have this score
 * @param meanDifference the mean difference, or null when n is 0
 * @param ciLow lower bound of its 95% Student t interval, or null when n is below 2
 * @param ciHigh upper bound of that interval, or null when n is below 2
 * @param t the paired t statistic, or null when n is below 2 or every difference is the same (zero variance)
 * @param df degrees of freedom (n - 1), or null when n is below 2
 * @param p the two-sided p-value of the paired t-test, or null whenever t is null
 * @param candidateWins tasks where the candidate scored higher
 * @param baselineWins tasks where the baseline scored higher
 * @param ties tasks where both scored the same
 */
public record PairedDifference(
        Score score,
        int n,
        Double meanDifference,
        Double ciLow,
        Double ciHigh,
        Double t,
        Integer df,
        Double p,
        int candidateWins,
        int baselineWins,
        int ties) {
}
