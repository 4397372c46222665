package dev.orbitar.promptlab.worker.report;

/**
 * A sample mean with its two-sided 95% Student t confidence interval.
 *
 * @param mean the mean, or null when n is 0
 * @param ciLow the lower bound, or null when n is below 2; not clipped to 0..1
 * @param ciHigh the upper bound, or null when n is below 2; not clipped to 0..1
 * @param n the number of values
 */
public record MeanEstimate(Double mean, Double ciLow, Double ciHigh, int n) {

    /** Returns half the width of the interval, or null when there is none. */
    public Double halfWidth() {
        return ciLow == null ? null : (ciHigh - ciLow) / 2;
    }
}
