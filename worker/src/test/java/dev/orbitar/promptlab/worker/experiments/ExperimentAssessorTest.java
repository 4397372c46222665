package dev.orbitar.promptlab.worker.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.orbitar.promptlab.worker.report.Score;
import dev.orbitar.promptlab.worker.report.TemplateVersion;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recommendations on seeded scores built to be clearly better, clearly worse or undecided. */
class ExperimentAssessorTest {

    private static final ExperimentAssessor ASSESSOR = new ExperimentAssessor(ExperimentCriteria.defaults());

    @Test
    void clearlyBetterIsPromoted() {
        CandidateAssessment candidate = only(new SeededRuns().ga(20).candidate("1.1.0", 20, 0.08, 0.01, 0));

        assertThat(candidate.recommendation()).isEqualTo(Recommendation.PROMOTE);
        assertThat(candidate.comparison().score(Score.OVERALL).meanDifference()).isCloseTo(0.08, within(1e-9));
        assertThat(candidate.comparison().score(Score.OVERALL).p()).isLessThan(0.05);
        assertThat(candidate.moreTasks()).isNull();
    }

    @Test
    void clearlyWorseIsRetired() {
        CandidateAssessment candidate = only(new SeededRuns().ga(20).candidate("1.1.0", 20, -0.08, 0.01, 0));

        assertThat(candidate.recommendation()).isEqualTo(Recommendation.RETIRE);
        assertThat(candidate.reason()).startsWith("overall is lower by 0.08");
    }

    @Test
    void undecidedKeepsTesting() {
        CandidateAssessment candidate = only(new SeededRuns().ga(20).candidate("1.1.0", 20, 0.01, 0.05, 0));

        assertThat(candidate.recommendation()).isEqualTo(Recommendation.KEEP_TESTING);
        assertThat(candidate.comparison().score(Score.OVERALL).p()).isGreaterThan(0.05);
        assertThat(candidate.moreTasks()).isPositive();
    }

    @Test
    void undecidedEstimateFollowsFormula() {
        CandidateAssessment candidate = only(new SeededRuns().ga(20).candidate("1.1.0", 20, 0.01, 0.05, 0));

        // The differences are 0.01 + 0.05 * jitter, so their mean is 0.01 and their standard deviation is 0.05 times
        // that of (-2, 1, -1, 2, 0) repeated four times: sqrt(40 / 19).
        double jitterDeviation = Math.sqrt(40.0 / 19);
        long needed = PairedSampleSize.pairedTasksNeeded(0.05 * jitterDeviation, 0.01, 0.8).orElseThrow();
        assertThat(candidate.moreTasks()).isEqualTo(needed - 20);
    }

    @Test
    void twoCandidatesGetOwnVerdicts() {
        ExperimentReport report = ASSESSOR.assess("coding-next", new SeededRuns().ga(20)
                .candidate("1.1.0", 20, 0.08, 0.01, 0)
                .candidate("1.2.0", 20, -0.08, 0.01, 0)
                .runs());

        assertThat(report.candidates()).extracting(CandidateAssessment::candidate).containsExactly(
                new TemplateVersion(SeededRuns.GA_SLUG, "1.1.0"), new TemplateVersion(SeededRuns.GA_SLUG, "1.2.0"));
        assertThat(report.candidates()).extracting(CandidateAssessment::recommendation)
                .containsExactly(Recommendation.PROMOTE, Recommendation.RETIRE);
        assertThat(report.tasks()).isEqualTo(20);
        assertThat(report.runs()).isEqualTo(60);
        assertThat(report.ga()).isEqualTo(new TemplateVersion(SeededRuns.GA_SLUG, SeededRuns.GA_VERSION));
    }

    @Test
    void tooFewPairsKeepTesting() {
        CandidateAssessment candidate = only(new SeededRuns().ga(5).candidate("1.1.0", 5, 0.08, 0.01, 0));

        assertThat(candidate.recommendation()).isEqualTo(Recommendation.KEEP_TESTING);
        assertThat(candidate.reason()).isEqualTo("5 paired tasks so far; a decision needs at least 10");
        assertThat(candidate.moreTasks()).isEqualTo(5);
    }

    @Test
    void worseContractRetiresBetterCandidate() {
        CandidateAssessment candidate = only(new SeededRuns().ga(20).candidate("1.1.0", 20, 0.08, 0.01, 0.1));

        assertThat(candidate.recommendation()).isEqualTo(Recommendation.RETIRE);
        assertThat(guardrail(candidate, GuardrailMeasure.CONTRACT).verdict()).isEqualTo(GuardrailVerdict.BREACHED);
        assertThat(candidate.reason()).startsWith("Contract is worse by 0.1");
    }

    @Test
    void contractWithinMarginStillPromotes() {
        CandidateAssessment candidate = only(new SeededRuns().ga(20).candidate("1.1.0", 20, 0.08, 0.01, 0.01));

        assertThat(guardrail(candidate, GuardrailMeasure.CONTRACT).verdict()).isEqualTo(GuardrailVerdict.HOLDS);
        assertThat(candidate.recommendation()).isEqualTo(Recommendation.PROMOTE);
    }

    @Test
    void higherErrorRateRetires() {
        SeededRuns runs = new SeededRuns().ga(20);
        for (int task = 0; task < 20; task++) {
            // Every other task fails for the candidate: an error rate 50 points above ga's.
            String status = task % 2 == 0 ? "error" : "done";
            runs.add("candidate", SeededRuns.GA_SLUG, "1.1.0", task, status, 0.9, 0.5, null);
        }

        CandidateAssessment candidate = only(runs);

        assertThat(guardrail(candidate, GuardrailMeasure.ERROR_RATE).worseBy()).isCloseTo(0.5, within(1e-9));
        assertThat(guardrail(candidate, GuardrailMeasure.ERROR_RATE).verdict())
                .isEqualTo(GuardrailVerdict.BREACHED);
        assertThat(candidate.recommendation()).isEqualTo(Recommendation.RETIRE);
        assertThat(candidate.failedRuns()).isEqualTo(10);
    }

    @Test
    void doubleCostRetires() {
        SeededRuns runs = new SeededRuns();
        for (int task = 0; task < 20; task++) {
            double overall = 0.6 + 0.02 * SeededRuns.jitter(task);
            runs.add("ga", SeededRuns.GA_SLUG, SeededRuns.GA_VERSION, task, "done", overall, 0.5,
                    new BigDecimal("0.00010"));
            runs.add("candidate", SeededRuns.GA_SLUG, "1.1.0", task, "done", overall + 0.08, 0.5,
                    new BigDecimal("0.00020").add(new BigDecimal(task % 3).movePointLeft(6)));
        }

        CandidateAssessment candidate = only(runs);

        Guardrail cost = guardrail(candidate, GuardrailMeasure.COST);
        assertThat(cost.margin()).isCloseTo(0.00001, within(1e-12));
        assertThat(cost.verdict()).isEqualTo(GuardrailVerdict.BREACHED);
        assertThat(candidate.recommendation()).isEqualTo(Recommendation.RETIRE);
    }

    @Test
    void offlineCostIsNotMeasured() {
        CandidateAssessment candidate = only(new SeededRuns().ga(20).candidate("1.1.0", 20, 0.08, 0.01, 0));

        assertThat(guardrail(candidate, GuardrailMeasure.COST).verdict()).isEqualTo(GuardrailVerdict.NOT_MEASURED);
    }

    @Test
    void equalCandidateIsRetired() {
        // Identical scores on every task: the interval is the point 0, below the minimum effect of 0.01.
        CandidateAssessment candidate = only(new SeededRuns().ga(20).candidate("1.1.0", 20, 0, 0, 0));

        assertThat(candidate.recommendation()).isEqualTo(Recommendation.RETIRE);
        assertThat(candidate.reason()).startsWith("overall cannot be higher by the minimum effect 0.01");
    }

    @Test
    void betterWithUndecidedGuardrailKeepsTesting() {
        SeededRuns runs = new SeededRuns().ga(20);
        for (int task = 0; task < 20; task++) {
            // The contract score drops by 0.02 on average, right at the margin, with a wide spread.
            double contract = 0.5 - 0.02 - 0.05 * SeededRuns.jitter(task);
            runs.add("candidate", SeededRuns.GA_SLUG, "1.1.0", task, "done",
                    0.6 + 0.02 * SeededRuns.jitter(task) + 0.08, contract, null);
        }

        CandidateAssessment candidate = only(runs);

        assertThat(guardrail(candidate, GuardrailMeasure.CONTRACT).verdict()).isEqualTo(GuardrailVerdict.UNDECIDED);
        assertThat(candidate.recommendation()).isEqualTo(Recommendation.KEEP_TESTING);
        assertThat(candidate.reason()).contains("Contract may still be worse beyond the margin");
    }

    @Test
    void noGaRunsGiveWarning() {
        ExperimentReport report = ASSESSOR.assess("coding-next",
                new SeededRuns().candidate("1.1.0", 3, 0, 0, 0).runs());

        assertThat(report.ga()).isNull();
        assertThat(report.candidates()).isEmpty();
        assertThat(report.warnings()).hasSize(1);
    }

    @Test
    void changedGaUsesNewest() {
        SeededRuns runs = new SeededRuns().ga(20).candidate("1.1.0", 20, 0.08, 0.01, 0);
        runs.add("ga", SeededRuns.GA_SLUG, "1.0.1", 0, "done", 0.6, 0.5, null);

        ExperimentReport report = ASSESSOR.assess("coding-next", runs.runs());

        assertThat(report.ga()).isEqualTo(new TemplateVersion(SeededRuns.GA_SLUG, "1.0.1"));
        assertThat(report.warnings()).singleElement().asString().contains("ga version changed");
    }

    private static CandidateAssessment only(SeededRuns runs) {
        List<CandidateAssessment> candidates = ASSESSOR.assess("coding-next", runs.runs()).candidates();
        assertThat(candidates).hasSize(1);
        return candidates.get(0);
    }

    private static Guardrail guardrail(CandidateAssessment candidate, GuardrailMeasure measure) {
        return candidate.guardrails().stream().filter(guardrail -> guardrail.measure() == measure).findFirst()
                .orElseThrow();
    }
}
