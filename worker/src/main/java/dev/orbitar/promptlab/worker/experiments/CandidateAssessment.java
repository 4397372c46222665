package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.report.Comparison;
import dev.orbitar.promptlab.worker.report.TemplateVersion;
import java.util.List;

/**
 * One candidate against ga: the report's paired comparison, the guardrails and the recommendation.
 *
 * @param candidate the candidate version
 * @param runs the candidate's runs in the experiment, failed ones included
 * @param failedRuns the candidate's runs that ended as {@code error}
 * @param comparison the paired statistics of the four scores against ga, as {@code report --compare} shows them
 * @param guardrails structure, contract, domain, error rate and cost against their margins
 * @param recommendation promote, keep testing or retire
 * @param reason the recommendation in one sentence, with the numbers behind it
 * @param moreTasks for keep testing: how many more paired tasks would settle the question at the observed effect,
 *     or null when that cannot be estimated (no effect observed) or the recommendation is not keep testing
 */
public record CandidateAssessment(
        TemplateVersion candidate,
        int runs,
        int failedRuns,
        Comparison comparison,
        List<Guardrail> guardrails,
        Recommendation recommendation,
        String reason,
        Long moreTasks) {

    public CandidateAssessment {
        guardrails = List.copyOf(guardrails);
    }
}
