package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.report.Comparison;
import dev.orbitar.promptlab.worker.report.RunRow;
import dev.orbitar.promptlab.worker.report.Score;
import dev.orbitar.promptlab.worker.report.TemplateVersion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the experiment report from the experiment's runs: each candidate is paired with ga task by task.
 *
 * <p>Scores pair each version's latest done run of a task, as {@code report --compare} does. Error rate and cost
 * pair each version's latest finished run (done or error) of a task, so that a failed run counts against its
 * version. Cost pairs only tasks where the usage of both runs has a cost, so the offline engine, which reports
 * none, leaves the cost guardrail not measured.
 */
public final class ExperimentAssessor {

    private static final Comparator<RunRow> NEWEST_LAST =
            Comparator.comparing(RunRow::createdAt).thenComparing(RunRow::runId);

    private final ExperimentCriteria criteria;
    private final CandidateJudge judge;

    public ExperimentAssessor(ExperimentCriteria criteria) {
        this.criteria = criteria;
        this.judge = new CandidateJudge(criteria);
    }

    /** Assesses every candidate of the experiment against its ga version. */
    public ExperimentReport assess(String experiment, List<ExperimentRun> runs) {
        List<RunRow> rows = runs.stream().map(ExperimentRun::toRunRow).toList();
        List<TemplateVersion> gaVersions = versionsOf(runs, ExperimentArm.GA);
        List<TemplateVersion> candidates = versionsOf(runs, ExperimentArm.CANDIDATE);
        int tasks = (int) rows.stream().map(RunRow::taskKey).filter(Objects::nonNull).distinct().count();

        List<String> warnings = new ArrayList<>();
        if (gaVersions.isEmpty()) {
            if (!runs.isEmpty()) {
                warnings.add("The experiment has no ga run in the selection, so no candidate can be compared.");
            }
            return new ExperimentReport(experiment, null, tasks, runs.size(), 0, 0, criteria, List.of(), warnings);
        }

        // The ga of the newest ga run is the current one, so a ga that changed mid-experiment leaves older pairs out.
        ExperimentRun newestGaRun = runs.stream()
                .filter(run -> ExperimentArm.GA.wireValue().equals(run.arm()))
                .max(Comparator.comparing(ExperimentRun::createdAt).thenComparing(ExperimentRun::runId))
                .orElseThrow();
        TemplateVersion ga = new TemplateVersion(newestGaRun.templateSlug(), newestGaRun.templateVersion());
        if (gaVersions.size() > 1) {
            warnings.add("The ga version changed during the experiment ("
                    + gaVersions.stream().map(TemplateVersion::toString).collect(Collectors.joining(", "))
                    + "); candidates are compared with the newest, " + ga + ", on the tasks it ran.");
        }

        List<CandidateAssessment> assessments = new ArrayList<>();
        for (TemplateVersion candidate : candidates) {
            assessments.add(assess(rows, ga, candidate));
        }
        return new ExperimentReport(experiment, ga, tasks, runs.size(), count(rows, ga, false),
                count(rows, ga, true), criteria, assessments, warnings);
    }

    private CandidateAssessment assess(List<RunRow> rows, TemplateVersion ga, TemplateVersion candidate) {
        Comparison comparison = Comparison.of(rows, ga, candidate);
        PairedValues overall = PairedValues.of(differences(comparison, Score.OVERALL));

        List<Guardrail> guardrails = new ArrayList<>();
        guardrails.add(scoreGuardrail(GuardrailMeasure.STRUCTURE, comparison, Score.STRUCTURE));
        guardrails.add(scoreGuardrail(GuardrailMeasure.CONTRACT, comparison, Score.CONTRACT));
        guardrails.add(scoreGuardrail(GuardrailMeasure.DOMAIN, comparison, Score.DOMAIN));

        List<RunRow[]> finished = finishedPairs(rows, ga, candidate);
        guardrails.add(errorRateGuardrail(finished));
        guardrails.add(costGuardrail(finished));

        CandidateJudge.Verdict verdict = judge.judge(overall, guardrails);
        return new CandidateAssessment(candidate, count(rows, candidate, false), count(rows, candidate, true),
                comparison, guardrails, verdict.recommendation(), verdict.reason(), verdict.moreTasks());
    }

    private Guardrail scoreGuardrail(GuardrailMeasure measure, Comparison comparison, Score score) {
        // A lower score is worse, so "worse by" is ga minus candidate.
        return Guardrail.of(measure, PairedValues.of(differences(comparison, score)).negated(),
                criteria.scoreMargin());
    }

    private Guardrail errorRateGuardrail(List<RunRow[]> finished) {
        List<Double> differences = finished.stream()
                .map(pair -> errorIndicator(pair[1]) - errorIndicator(pair[0]))
                .toList();
        return Guardrail.of(GuardrailMeasure.ERROR_RATE, PairedValues.of(differences), criteria.errorRateMargin());
    }

    private Guardrail costGuardrail(List<RunRow[]> finished) {
        List<RunRow[]> costed = finished.stream()
                .filter(pair -> pair[0].costUsd() != null && pair[1].costUsd() != null)
                .toList();
        List<Double> differences = costed.stream()
                .map(pair -> pair[1].costUsd().subtract(pair[0].costUsd()).doubleValue())
                .toList();

        // The margin is a fraction of ga's mean cost on the same tasks, so it means the same for any model price.
        double gaMean = costed.stream().map(pair -> pair[0].costUsd()).reduce(BigDecimal.ZERO, BigDecimal::add)
                .doubleValue() / Math.max(1, costed.size());
        return Guardrail.of(GuardrailMeasure.COST, PairedValues.of(differences), criteria.costMargin() * gaMean);
    }

    /** Returns (ga run, candidate run) of each task both finished, each version's latest finished run. */
    private static List<RunRow[]> finishedPairs(List<RunRow> rows, TemplateVersion ga, TemplateVersion candidate) {
        Map<String, RunRow> gaRuns = latestFinishedRunPerTask(rows, ga);
        Map<String, RunRow> candidateRuns = latestFinishedRunPerTask(rows, candidate);
        List<RunRow[]> pairs = new ArrayList<>();
        gaRuns.forEach((task, gaRun) -> {
            RunRow candidateRun = candidateRuns.get(task);
            if (candidateRun != null) {
                pairs.add(new RunRow[] {gaRun, candidateRun});
            }
        });
        return pairs;
    }

    private static Map<String, RunRow> latestFinishedRunPerTask(List<RunRow> rows, TemplateVersion version) {
        Map<String, RunRow> latest = new LinkedHashMap<>();
        rows.stream()
                .filter(run -> (run.done() || run.failed()) && run.taskKey() != null)
                .filter(run -> run.templateKey().equals(version))
                .sorted(NEWEST_LAST)
                .forEach(run -> latest.put(run.taskKey(), run));
        return latest;
    }

    private static List<Double> differences(Comparison comparison, Score score) {
        return comparison.tasks().stream().map(task -> task.difference(score)).filter(Objects::nonNull).toList();
    }

    private static double errorIndicator(RunRow run) {
        return run.failed() ? 1 : 0;
    }

    private static List<TemplateVersion> versionsOf(List<ExperimentRun> runs, ExperimentArm arm) {
        Set<TemplateVersion> versions = new LinkedHashSet<>();
        runs.stream()
                .filter(run -> arm.wireValue().equals(run.arm()))
                .forEach(run -> versions.add(new TemplateVersion(run.templateSlug(), run.templateVersion())));
        return List.copyOf(versions);
    }

    private static int count(List<RunRow> rows, TemplateVersion version, boolean failedOnly) {
        return (int) rows.stream()
                .filter(run -> run.templateKey().equals(version))
                .filter(run -> !failedOnly || run.failed())
                .count();
    }
}
