package dev.orbitar.promptlab.worker.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints the leaderboard and the comparison as terminal tables. */
public final class TableReport {

    private TableReport() {
    }

    public static void printLeaderboard(Leaderboard leaderboard, PrintWriter out) {
        if (leaderboard.isEmpty()) {
            out.println("No Lab runs match the selection.");
            return;
        }

        List<String> headers = new ArrayList<>(List.of("Template", "Version", "Runs", "Done", "Failed", "Pending",
                "Synthetic", "Sample"));
        for (Score score : Score.values()) {
            headers.add(score.label());
        }
        headers.addAll(List.of("Error rate", "Median ms", "Cost USD", "Last run (UTC)"));
        TextTable table = new TextTable(headers,
                false, false, true, true, true, true, true, true,
                true, true, true, true,
                true, true, true, false);

        for (LeaderboardRow row : leaderboard.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.templateSlug(), row.templateVersion(),
                    String.valueOf(row.runs()), String.valueOf(row.done()), String.valueOf(row.failed()),
                    String.valueOf(row.pending()), String.valueOf(row.syntheticRuns()),
                    String.valueOf(row.sampleRuns())));
            for (Score score : Score.values()) {
                cells.add(estimateCell(row.estimate(score)));
            }
            cells.addAll(List.of(Numbers.percent(row.errorRate()), Numbers.millis(row.medianLatencyMs()),
                    Numbers.usd(row.totalCostUsd()), Numbers.instant(row.lastRunAt())));
            table.add(cells);
        }

        table.print(out);
        out.println();
        out.println("Scores: mean +/- half-width of the 95% Student t interval (n scored runs); no interval below n=2.");
    }

    public static void printComparison(Comparison comparison, PrintWriter out) {
        out.printf("Baseline:  %s (%d done runs)%n", comparison.baseline(), comparison.baselineDone());
        out.printf("Candidate: %s (%d done runs)%n", comparison.candidate(), comparison.candidateDone());
        out.printf("Paired tasks: %d (each version's latest done run of each task)%n", comparison.pairedTasks());
        out.println();

        TextTable table = new TextTable(
                List.of("Score", "n", "Mean diff", "95% CI", "t", "df", "p", "Candidate wins", "Baseline wins",
                        "Ties"),
                false, true, true, true, true, true, true, true, true, true);
        for (PairedDifference result : comparison.scores()) {
            String interval = result.ciLow() == null ? ""
                    : "[" + Numbers.signed(result.ciLow()) + ", " + Numbers.signed(result.ciHigh()) + "]";
            table.add(List.of(result.score().label(), String.valueOf(result.n()),
                    Numbers.signed(result.meanDifference()), interval, Numbers.statistic(result.t()),
                    Numbers.integer(result.df()), Numbers.pValue(result.p()), String.valueOf(result.candidateWins()),
                    String.valueOf(result.baselineWins()), String.valueOf(result.ties())));
        }

        table.print(out);
        out.println();
        out.println("Differences are candidate minus baseline; t and p come from a two-sided paired t-test and are"
                + " empty below n=2 or when every difference is the same.");
    }

    private static String estimateCell(MeanEstimate estimate) {
        if (estimate.mean() == null) {
            return "";
        }
        String mean = Numbers.score(estimate.mean());
        if (estimate.halfWidth() == null) {
            return mean + " (" + estimate.n() + ")";
        }
        return mean + " +/-" + Numbers.score(estimate.halfWidth()) + " (" + estimate.n() + ")";
    }
}
