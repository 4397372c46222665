package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.report.TemplateVersion;
import java.util.List;

/**
 * Every candidate of one experiment against its ga version.
 *
 * @param experiment the experiment's name
 * @param ga the ga version the candidates are compared with, or null when the experiment has no ga run
 * @param tasks distinct tasks with a run in the experiment
 * @param runs the experiment's runs, every arm and status
 * @param gaRuns the ga version's runs
 * @param gaFailedRuns the ga version's runs that ended as {@code error}
 * @param criteria the margins and thresholds behind the recommendations
 * @param candidates one assessment per candidate version, in the order the candidates first ran
 * @param warnings notes on the data the reader should know, e.g. a ga version that changed during the experiment
 */
public record ExperimentReport(
        String experiment,
        TemplateVersion ga,
        int tasks,
        int runs,
        int gaRuns,
        int gaFailedRuns,
        ExperimentCriteria criteria,
        List<CandidateAssessment> candidates,
        List<String> warnings) {

    public ExperimentReport {
        candidates = List.copyOf(candidates);
        warnings = List.copyOf(warnings);
    }
}
