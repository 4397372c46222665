package dev.orbitar.promptlab.worker.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreStatisticsTest {

    private static final double EXACT = 1e-12;
    private static final double CLOSE = 1e-9;

    @Test
    void meanOfNoValues() {
        MeanEstimate estimate = ScoreStatistics.meanWithInterval(List.of());

        assertThat(estimate.n()).isZero();
        assertThat(estimate.mean()).isNull();
        assertThat(estimate.ciLow()).isNull();
        assertThat(estimate.ciHigh()).isNull();
    }

    @Test
    void meanOfOneValueHasNoInterval() {
        MeanEstimate estimate = ScoreStatistics.meanWithInterval(List.of(0.55));

        assertThat(estimate.n()).isEqualTo(1);
        assertThat(estimate.mean()).isEqualTo(0.55);
        assertThat(estimate.ciLow()).isNull();
        assertThat(estimate.ciHigh()).isNull();
    }

    @Test
    void meanWithStudentInterval() {
        // mean = (0.6 + 0.7 + 0.8) / 3 = 0.7; sd = sqrt((0.01 + 0 + 0.01) / 2) = 0.1
        // se = 0.1 / sqrt(3) = 0.0577350269; t(0.975, df 2) = 4.3026527297; half = 0.2484137712
        MeanEstimate estimate = ScoreStatistics.meanWithInterval(List.of(0.6, 0.7, 0.8));

        assertThat(estimate.mean()).isCloseTo(0.7, within(EXACT));
        assertThat(estimate.ciLow()).isCloseTo(0.4515862288, within(CLOSE));
        assertThat(estimate.ciHigh()).isCloseTo(0.9484137712, within(CLOSE));
    }

    @Test
    void meanWithZeroVarianceHasPointInterval() {
        // 0.1 + 0.1 + 0.1 is not exactly 0.3 in binary, so this also checks the tolerance on the spread.
        MeanEstimate estimate = ScoreStatistics.meanWithInterval(List.of(0.1, 0.1, 0.1));

        assertThat(estimate.ciLow()).isEqualTo(estimate.mean());
        assertThat(estimate.ciHigh()).isEqualTo(estimate.mean());
    }

    @Test
    void pairedTestKnownValues() {
        // d = 0.1, 0.05, 0: mean 0.05, sd = sqrt((0.0025 + 0 + 0.0025) / 2) = 0.05, se = 0.05 / sqrt(3)
        // t = 0.05 / 0.0288675135 = sqrt(3) = 1.7320508076, df 2, two-sided p = 0.2254033308
        PairedDifference result = ScoreStatistics.pairedTest(Score.OVERALL, List.of(0.1, 0.05, 0.0));

        assertThat(result.n()).isEqualTo(3);
        assertThat(result.meanDifference()).isCloseTo(0.05, within(EXACT));
        assertThat(result.t()).isCloseTo(1.7320508076, within(CLOSE));
        assertThat(result.df()).isEqualTo(2);
        assertThat(result.p()).isCloseTo(0.2254033308, within(CLOSE));
        assertThat(result.candidateWins()).isEqualTo(2);
        assertThat(result.baselineWins()).isZero();
        assertThat(result.ties()).isEqualTo(1);
    }

    @Test
    void pairedTestWithOneDegreeOfFreedom() {
        // d = 0.1, -0.2: mean -0.05, sd = sqrt(0.0225 + 0.0225) = 0.2121320344, se = 0.15, t = -1/3.
        // With df 1, t is Cauchy: p = 1 - 2 * atan(1/3) / pi = 0.7951672353.
        PairedDifference result = ScoreStatistics.pairedTest(Score.CONTRACT, List.of(0.1, -0.2));

        assertThat(result.t()).isCloseTo(-0.3333333333, within(CLOSE));
        assertThat(result.p()).isCloseTo(0.7951672353, within(CLOSE));
        assertThat(result.ciLow()).isCloseTo(-1.9559307104, within(CLOSE));
        assertThat(result.ciHigh()).isCloseTo(1.8559307104, within(CLOSE));
    }

    @Test
    void pairedTestWithZeroVarianceHasNoStatistic() {
        // 0.8 - 0.7 and 0.7 - 0.6 differ in the last bits, and both still count as the same difference.
        PairedDifference result = ScoreStatistics.pairedTest(Score.STRUCTURE, List.of(0.8 - 0.7, 0.7 - 0.6));

        assertThat(result.t()).isNull();
        assertThat(result.p()).isNull();
        assertThat(result.df()).isEqualTo(1);
        assertThat(result.ciLow()).isEqualTo(result.meanDifference());
    }

    @Test
    void pairedTestCountsNearZeroAsTie() {
        PairedDifference result = ScoreStatistics.pairedTest(Score.DOMAIN, List.of(0.3 - 0.1 - 0.2, 0.0));

        assertThat(result.ties()).isEqualTo(2);
    }

    @Test
    void pairedTestWithOneTask() {
        PairedDifference result = ScoreStatistics.pairedTest(Score.OVERALL, List.of(0.25));

        assertThat(result.meanDifference()).isEqualTo(0.25);
        assertThat(result.ciLow()).isNull();
        assertThat(result.t()).isNull();
        assertThat(result.df()).isNull();
        assertThat(result.p()).isNull();
        assertThat(result.candidateWins()).isEqualTo(1);
    }

    @Test
    void pairedTestWithNoTasks() {
        PairedDifference result = ScoreStatistics.pairedTest(Score.OVERALL, List.of());

        assertThat(result.n()).isZero();
        assertThat(result.meanDifference()).isNull();
        assertThat(result.ties()).isZero();
    }

    @Test
    void percentileInterpolatesLinearly() {
        // R-7 on 0.4, 0.6, 0.7, 0.8: position (n - 1) * p; Q1 at 0.75 -> 0.4 + 0.75 * 0.2 = 0.55,
        // median at 1.5 -> 0.65, Q3 at 2.25 -> 0.7 + 0.25 * 0.1 = 0.725.
        List<Double> values = List.of(0.4, 0.6, 0.7, 0.8);

        assertThat(ScoreStatistics.percentile(values, 25)).isCloseTo(0.55, within(EXACT));
        assertThat(ScoreStatistics.percentile(values, 50)).isCloseTo(0.65, within(EXACT));
        assertThat(ScoreStatistics.percentile(values, 75)).isCloseTo(0.725, within(EXACT));
    }

    @Test
    void percentileOfNoValues() {
        assertThat(ScoreStatistics.percentile(List.of(), 50)).isNull();
    }
}
