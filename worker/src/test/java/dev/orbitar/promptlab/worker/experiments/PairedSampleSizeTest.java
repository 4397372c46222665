package dev.orbitar.promptlab.worker.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PairedSampleSizeTest {

    // The expected sizes are the smallest n whose exact power (noncentral t distribution, two-sided alpha 0.05)
    // reaches 0.80, computed with SciPy 1.17 stats.nct: 10, 34, 199 and 787 for standardised effects 1, 0.5, 0.2
    // and 0.1. The t-quantile formula matches them at these effects.
    @ParameterizedTest
    @CsvSource({"1.0, 10", "0.5, 34", "0.2, 199", "0.1, 787"})
    void sizeMatchesExactPower(double standardisedEffect, long expected) {
        assertThat(PairedSampleSize.pairedTasksNeeded(1.0, standardisedEffect, 0.8)).hasValue(expected);
    }

    @Test
    void sizeIgnoresEffectSign() {
        assertThat(PairedSampleSize.pairedTasksNeeded(0.1, -0.05, 0.8))
                .isEqualTo(PairedSampleSize.pairedTasksNeeded(0.1, 0.05, 0.8));
    }

    @Test
    void sizeScalesWithSpread() {
        assertThat(PairedSampleSize.pairedTasksNeeded(0.04, 0.02, 0.8)).hasValue(34);
    }

    @Test
    void zeroEffectHasNoSize() {
        assertThat(PairedSampleSize.pairedTasksNeeded(0.1, 0, 0.8)).isEmpty();
    }

    @Test
    void zeroSpreadNeedsTwo() {
        assertThat(PairedSampleSize.pairedTasksNeeded(0, 0.05, 0.8)).hasValue(2);
    }

    @Test
    void hugeNeedIsCapped() {
        assertThat(PairedSampleSize.pairedTasksNeeded(1, 1e-6, 0.8)).hasValue(PairedSampleSize.MAX_TASKS);
    }
}
