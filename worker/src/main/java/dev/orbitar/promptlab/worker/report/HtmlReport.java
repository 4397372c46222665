package dev.orbitar.promptlab.worker.report;

import static dev.orbitar.promptlab.worker.report.Svg.escape;

import java.time.Instant;
import java.util.List;

/**
 * Renders the report as one self-contained HTML page: inline CSS and inline SVG charts, no script, and no
 * reference to any file or address outside the page, so it can be mailed or archived as is. The markup is
 * well-formed XML as well as HTML.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem; color: #1d2430; }
            h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
            h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d5dae1; padding-bottom: 0.25rem; }
            p.meta, p.note { color: #5b6574; font-size: 0.85rem; }
            table { border-collapse: collapse; font-size: 0.8rem; }
            th, td { padding: 0.3rem 0.4rem; border-bottom: 1px solid #e4e8ee; text-align: right; white-space: nowrap; }
            th { background: #f3f5f8; white-space: normal; vertical-align: bottom; }
            td.text, th.text { text-align: left; }
            figure { margin: 1rem 0 1.5rem 0; }
            figcaption { font-weight: 600; margin-bottom: 0.25rem; }
            svg { max-width: 100%; height: auto; font-size: 12px; }
            svg .label { fill: #1d2430; }
            svg .stats { fill: #1d2430; font-variant-numeric: tabular-nums; }
            svg .muted { fill: #8a93a0; font-style: italic; }
            svg .tick { fill: #5b6574; font-size: 11px; }
            svg .grid { stroke: #e4e8ee; stroke-width: 1; }
            svg .zero { stroke: #5b6574; stroke-width: 1; stroke-dasharray: 4 3; }
            svg .whisker { stroke: #5b6574; stroke-width: 1.5; }
            svg .box { fill: #cfe0f5; stroke: #3a6ea5; stroke-width: 1; }
            svg .median { stroke: #1d3f66; stroke-width: 2.5; }
            svg .point { fill: #3a6ea5; fill-opacity: 0.75; }
            svg .interval { stroke: #c2410c; stroke-width: 3; }
            svg .clipped { stroke-dasharray: 6 3; }
            div.wide { overflow-x: auto; }
            td small { color: #5b6574; }
            svg .mean { fill: #c2410c; }
            """;

    private HtmlReport() {
    }

    /**
     * Renders the page.
     *
     * @param leaderboard the versions to show; with a comparison, only the two compared versions
     * @param comparison the comparison, or null for a leaderboard page
     * @param filter the selection the numbers cover
     * @param generatedAt when the report was made
     */
    public static String render(Leaderboard leaderboard, Comparison comparison, ReportFilter filter,
            Instant generatedAt) {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
                .append("<title>Prompt Lab report</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>Prompt Lab report</h1>\n")
                .append("<p class=\"meta\">Generated ").append(escape(Numbers.instant(generatedAt)))
                .append(" · Selection: ").append(escape(filter.describe())).append("</p>\n");

        appendLeaderboard(page, leaderboard);
        if (comparison != null) {
            appendComparison(page, comparison);
        }
        appendDistributions(page, leaderboard);

        page.append("</body>\n</html>\n");
        return page.toString();
    }

    private static void appendLeaderboard(StringBuilder page, Leaderboard leaderboard) {
        page.append("<h2>Leaderboard</h2>\n");
        if (leaderboard.isEmpty()) {
            page.append("<p>No Lab runs match the selection.</p>\n");
            return;
        }

        page.append("<div class=\"wide\"><table id=\"leaderboard\">\n<thead><tr><th class=\"text\">Template</th>")
                .append("<th class=\"text\">Version</th><th>Runs</th><th>Done</th><th>Failed</th><th>Pending</th>")
                .append("<th>Synthetic</th><th>Sample</th>");
        for (Score score : Score.values()) {
            page.append("<th>").append(score.label()).append("</th>");
        }
        page.append("<th>Error rate</th><th>Median ms</th><th>Cost USD</th><th>Last run (UTC)</th></tr></thead>\n")
                .append("<tbody>\n");

        for (LeaderboardRow row : leaderboard.rows()) {
            page.append("<tr>");
            textCell(page, row.templateSlug());
            textCell(page, row.templateVersion());
            for (int count : new int[] {row.runs(), row.done(), row.failed(), row.pending(), row.syntheticRuns(),
                    row.sampleRuns()}) {
                cell(page, String.valueOf(count));
            }
            for (Score score : Score.values()) {
                estimateCell(page, row.estimate(score));
            }
            cell(page, Numbers.percent(row.errorRate()));
            cell(page, Numbers.millis(row.medianLatencyMs()));
            cell(page, Numbers.usd(row.totalCostUsd()));
            lastRunCell(page, Numbers.instant(row.lastRunAt()));
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table></div>\n")
                .append("<p class=\"note\">Scores: mean [95% Student t interval] and the number of scored runs;")
                .append(" no interval below two runs. Empty latency and cost cells mean no usage was recorded.</p>\n");
    }

    private static void appendDistributions(StringBuilder page, Leaderboard leaderboard) {
        if (leaderboard.isEmpty()) {
            return;
        }
        page.append("<h2>Score distributions</h2>\n")
                .append("<p class=\"note\">Box from the first to the third quartile, whiskers from min to max,")
                .append(" one dot per scored run; the orange bar is the mean with its 95% interval, dashed where it")
                .append(" runs past the axis.</p>\n");
        for (Score score : List.of(Score.OVERALL, Score.STRUCTURE, Score.CONTRACT, Score.DOMAIN)) {
            page.append("<figure id=\"distribution-").append(score.key()).append("\"><figcaption>")
                    .append(score.label()).append("</figcaption>\n")
                    .append(Charts.distribution(score, leaderboard)).append("</figure>\n");
        }
    }

    private static void appendComparison(StringBuilder page, Comparison comparison) {
        page.append("<h2>Comparison</h2>\n<p>Baseline <strong>").append(escape(comparison.baseline().toString()))
                .append("</strong> (").append(comparison.baselineDone()).append(" done runs), candidate <strong>")
                .append(escape(comparison.candidate().toString())).append("</strong> (")
                .append(comparison.candidateDone()).append(" done runs), paired on ")
                .append(comparison.pairedTasks()).append(" tasks (each version's latest done run of each task).</p>\n");

        page.append("<table id=\"comparison\">\n<thead><tr><th class=\"text\">Score</th><th>n</th>")
                .append("<th>Mean difference</th><th>95% CI</th><th>t</th><th>df</th><th>p</th>")
                .append("<th>Candidate wins</th><th>Baseline wins</th><th>Ties</th></tr></thead>\n<tbody>\n");
        for (PairedDifference result : comparison.scores()) {
            page.append("<tr>");
            textCell(page, result.score().label());
            cell(page, String.valueOf(result.n()));
            cell(page, Numbers.signed(result.meanDifference()));
            cell(page, result.ciLow() == null ? ""
                    : Numbers.signed(result.ciLow()) + " to " + Numbers.signed(result.ciHigh()));
            cell(page, Numbers.statistic(result.t()));
            cell(page, Numbers.integer(result.df()));
            cell(page, Numbers.pValue(result.p()));
            cell(page, String.valueOf(result.candidateWins()));
            cell(page, String.valueOf(result.baselineWins()));
            cell(page, String.valueOf(result.ties()));
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n")
                .append("<p class=\"note\">Differences are candidate minus baseline; t and p come from a two-sided")
                .append(" paired t-test, empty below two tasks or when every difference is the same. Beside the")
                .append(" chart: mean difference [95% CI], p, and wins as candidate/baseline/ties. A dashed bar runs")
                .append(" past the axis.</p>\n")
                .append("<figure id=\"differences\"><figcaption>Paired differences per task</figcaption>\n")
                .append(Charts.differences(comparison)).append("</figure>\n");
    }

    /** Adds a score cell: the mean, then the interval and n in small type on a second line. */
    private static void estimateCell(StringBuilder page, MeanEstimate estimate) {
        if (estimate.mean() == null) {
            cell(page, "");
            return;
        }
        String detail = estimate.ciLow() == null ? "n=" + estimate.n()
                : "[" + Numbers.score(estimate.ciLow()) + ", " + Numbers.score(estimate.ciHigh()) + "] n=" + estimate.n();
        page.append("<td>").append(Numbers.score(estimate.mean())).append("<br /><small>").append(escape(detail))
                .append("</small></td>");
    }

    /** Adds the last run time as the date over the time, which keeps the table inside a laptop window. */
    private static void lastRunCell(StringBuilder page, String instant) {
        int time = instant.indexOf('T');
        if (time < 0) {
            cell(page, instant);
            return;
        }
        page.append("<td>").append(escape(instant.substring(0, time))).append("<br /><small>")
                .append(escape(instant.substring(time + 1))).append("</small></td>");
    }

    private static void textCell(StringBuilder page, String text) {
        page.append("<td class=\"text\">").append(escape(text)).append("</td>");
    }

    private static void cell(StringBuilder page, String text) {
        page.append("<td>").append(escape(text)).append("</td>");
    }
}
