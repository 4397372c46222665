package dev.orbitar.promptlab.worker.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Two template versions paired task by task. When a version ran a task several times, only its latest done run
 * of that task counts (newest createdAt, then the larger id), so a re-run replaces an older result instead of
 * weighting the task twice. Failed and pending runs never pair, and runs whose task was deleted have no key.
 *
 * @param baseline the first version given; differences are measured from it
 * @param candidate the second version given
 * @param baselineDone done runs of the baseline in the selection
 * @param candidateDone done runs of the candidate in the selection
 * @param pairedTasks tasks with a done run of both versions
 * @param scores per score, the mean difference, its interval, the paired t-test and the wins
 * @param tasks the paired tasks, sorted by task key
 */
public record Comparison(
        TemplateVersion baseline,
        TemplateVersion candidate,
        int baselineDone,
        int candidateDone,
        int pairedTasks,
        List<PairedDifference> scores,
        List<PairedTask> tasks) {

    private static final Comparator<RunRow> NEWEST_LAST =
            Comparator.comparing(RunRow::createdAt).thenComparing(RunRow::runId);

    public Comparison {
        scores = List.copyOf(scores);
        tasks = List.copyOf(tasks);
    }

    /** Pairs the two versions over the runs read by {@link RunReader}. */
    public static Comparison of(List<RunRow> runs, TemplateVersion baseline, TemplateVersion candidate) {
        Map<String, RunRow> baselineRuns = latestDoneRunPerTask(runs, baseline);
        Map<String, RunRow> candidateRuns = latestDoneRunPerTask(runs, candidate);

        List<PairedTask> tasks = new ArrayList<>();
        for (Map.Entry<String, RunRow> entry : baselineRuns.entrySet()) {
            RunRow after = candidateRuns.get(entry.getKey());
            if (after != null) {
                RunRow before = entry.getValue();
                tasks.add(new PairedTask(entry.getKey(), before.runId(), after.runId(), before.scores(),
                        after.scores()));
            }
        }
        tasks.sort(Comparator.comparing(PairedTask::task));

        List<PairedDifference> scores = new ArrayList<>();
        for (Score score : Score.values()) {
            List<Double> differences = tasks.stream().map(task -> task.difference(score)).filter(Objects::nonNull)
                    .toList();
            scores.add(ScoreStatistics.pairedTest(score, differences));
        }

        return new Comparison(baseline, candidate, countDone(runs, baseline), countDone(runs, candidate),
                tasks.size(), scores, tasks);
    }

    /** Returns the comparison of one score. */
    public PairedDifference score(Score score) {
        return scores.stream().filter(result -> result.score() == score).findFirst().orElseThrow();
    }

    private static Map<String, RunRow> latestDoneRunPerTask(List<RunRow> runs, TemplateVersion version) {
        Map<String, RunRow> latest = new LinkedHashMap<>();
        runs.stream()
                .filter(run -> run.done() && run.taskKey() != null && run.templateKey().equals(version))
                .sorted(NEWEST_LAST)
                .forEach(run -> latest.put(run.taskKey(), run));
        return latest;
    }

    private static int countDone(List<RunRow> runs, TemplateVersion version) {
        return (int) runs.stream().filter(run -> run.done() && run.templateKey().equals(version)).count();
    }
}
