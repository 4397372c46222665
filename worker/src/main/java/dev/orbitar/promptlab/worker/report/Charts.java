package dev.orbitar.promptlab.worker.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Draws the report's inline SVG charts. Every mark carries its numbers in a {@code <title>} and every row has a
 * visible label, so the charts can be read (and checked) without hovering.
 */
final class Charts {

    private static final int WIDTH = 1000;
    private static final double LABEL_RIGHT = 230;
    private static final double PLOT_LEFT = 245;
    private static final double PLOT_RIGHT = 645;
    private static final double STATS_LEFT = 660;
    private static final double TOP = 34;
    private static final double ROW_HEIGHT = 40;

    /** Half-ranges of the difference axis. The chart uses the smallest one that contains every drawn value. */
    private static final double[] DIFFERENCE_RANGES = {0.05, 0.1, 0.25, 0.5, 1};

    private Charts() {
    }

    /**
     * Draws one score's distribution per version as a box plot on a 0..1 axis. Whiskers run from min to max and
     * the box from the first to the third quartile, with the median marked. Each run's value is a dot, and the
     * mean with its 95% interval is a bar under the box.
     */
    static String distribution(Score score, Leaderboard leaderboard) {
        List<LeaderboardRow> rows = leaderboard.rows();
        int height = (int) (TOP + rows.size() * ROW_HEIGHT + 8);
        Svg svg = new Svg().open(WIDTH, height, score.label() + " score distribution per template version");
        axis(svg, 0, 1, new double[] {0, 0.25, 0.5, 0.75, 1}, height, false);

        for (int index = 0; index < rows.size(); index++) {
            LeaderboardRow row = rows.get(index);
            double centre = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2;
            List<Double> values = leaderboard.values(row.templateKey(), score);
            MeanEstimate estimate = row.estimate(score);
            String version = row.templateKey().toString();

            svg.group("version", version + " " + score.key() + ": " + describeDistribution(estimate, values));
            svg.text(LABEL_RIGHT, centre + 4, "end", "label", version);

            if (values.isEmpty()) {
                svg.text(PLOT_LEFT, centre + 4, "start", "muted", "no scores");
                svg.endGroup();
                continue;
            }

            double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double q1 = ScoreStatistics.percentile(values, 25);
            double median = ScoreStatistics.percentile(values, 50);
            double q3 = ScoreStatistics.percentile(values, 75);

            svg.line(scoreX(min), centre - 4, scoreX(max), centre - 4, "whisker");
            svg.rect(scoreX(q1), centre - 12, scoreX(q3) - scoreX(q1), 16, "box");
            svg.line(scoreX(median), centre - 12, scoreX(median), centre + 4, "median");
            for (int point = 0; point < values.size(); point++) {
                double jitter = (point % 3 - 1) * 3;
                svg.circle(scoreX(values.get(point)), centre - 4 + jitter, 2.5, "point",
                        Numbers.score(values.get(point)));
            }
            if (estimate.ciLow() != null) {
                svg.line(scoreX(estimate.ciLow()), centre + 10, scoreX(estimate.ciHigh()), centre + 10,
                        intervalClass(estimate.ciLow(), estimate.ciHigh(), 0, 1));
            }
            svg.circle(scoreX(estimate.mean()), centre + 10, 3.5, "mean", "mean " + Numbers.score(estimate.mean()));
            svg.text(STATS_LEFT, centre + 4, "start", "stats", shortEstimate(estimate));
            svg.endGroup();
        }
        return svg.close().toString();
    }

    /**
     * Draws the paired differences of a comparison, one row per score: each task's difference as a dot and the
     * mean difference with its 95% interval, on an axis centred on zero.
     */
    static String differences(Comparison comparison) {
        double range = differenceRange(comparison);
        Score[] scores = Score.values();
        int height = (int) (TOP + scores.length * ROW_HEIGHT + 8);
        Svg svg = new Svg().open(WIDTH, height, "Paired differences, " + comparison.candidate() + " minus "
                + comparison.baseline());
        axis(svg, -range, range, new double[] {-range, -range / 2, 0, range / 2, range}, height, true);

        for (int index = 0; index < scores.length; index++) {
            Score score = scores[index];
            PairedDifference result = comparison.score(score);
            double centre = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2;

            svg.group("difference", score.label() + ": " + describeDifference(result));
            svg.text(LABEL_RIGHT, centre + 4, "end", "label", score.label());

            if (result.n() == 0) {
                svg.text(PLOT_LEFT, centre + 4, "start", "muted", "no paired tasks");
                svg.endGroup();
                continue;
            }

            int point = 0;
            for (PairedTask task : comparison.tasks()) {
                Double difference = task.difference(score);
                if (difference != null) {
                    double jitter = (point++ % 3 - 1) * 3;
                    svg.circle(differenceX(difference, range), centre - 4 + jitter, 2.5, "point",
                            task.task() + ": " + Numbers.signed(difference));
                }
            }
            if (result.ciLow() != null) {
                svg.line(differenceX(result.ciLow(), range), centre + 10, differenceX(result.ciHigh(), range),
                        centre + 10, intervalClass(result.ciLow(), result.ciHigh(), -range, range));
            }
            svg.circle(differenceX(result.meanDifference(), range), centre + 10, 3.5, "mean",
                    "mean difference " + Numbers.signed(result.meanDifference()));
            svg.text(STATS_LEFT, centre + 4, "start", "stats", shortDifference(result));
            svg.endGroup();
        }
        return svg.close().toString();
    }

    /** Returns the full description of one version's score, also used as the tooltip. */
    static String describeDistribution(MeanEstimate estimate, List<Double> values) {
        if (values.isEmpty()) {
            return "n=0, no scores";
        }
        StringBuilder text = new StringBuilder("n=" + estimate.n() + ", mean " + Numbers.score(estimate.mean()));
        if (estimate.ciLow() == null) {
            text.append(", no interval (n=1)");
        } else {
            text.append(", 95% CI ").append(Numbers.score(estimate.ciLow())).append(" to ")
                    .append(Numbers.score(estimate.ciHigh()));
        }
        text.append(", median ").append(Numbers.score(ScoreStatistics.percentile(values, 50)))
                .append(", quartiles ").append(Numbers.score(ScoreStatistics.percentile(values, 25)))
                .append(" to ").append(Numbers.score(ScoreStatistics.percentile(values, 75)))
                .append(", min ").append(Numbers.score(values.stream().mapToDouble(Double::doubleValue).min()
                        .orElseThrow()))
                .append(", max ").append(Numbers.score(values.stream().mapToDouble(Double::doubleValue).max()
                        .orElseThrow()));
        return text.toString();
    }

    /** Returns the full description of one score's paired comparison, also used as the tooltip. */
    static String describeDifference(PairedDifference result) {
        if (result.n() == 0) {
            return "n=0, no paired tasks";
        }
        StringBuilder text = new StringBuilder("n=" + result.n() + ", mean difference "
                + Numbers.signed(result.meanDifference()));
        if (result.ciLow() != null) {
            text.append(", 95% CI ").append(Numbers.signed(result.ciLow())).append(" to ")
                    .append(Numbers.signed(result.ciHigh()));
        }
        if (result.t() != null) {
            text.append(", t ").append(Numbers.statistic(result.t())).append(", df ").append(result.df())
                    .append(", p ").append(Numbers.pValue(result.p()));
        } else if (result.df() != null) {
            text.append(", no t-test (every difference is the same)");
        } else {
            text.append(", no t-test (n=1)");
        }
        text.append(", candidate wins ").append(result.candidateWins()).append(", baseline wins ")
                .append(result.baselineWins()).append(", ties ").append(result.ties());
        return text.toString();
    }

    private static String shortEstimate(MeanEstimate estimate) {
        if (estimate.ciLow() == null) {
            return Numbers.score(estimate.mean()) + "  n=" + estimate.n();
        }
        return Numbers.score(estimate.mean()) + " [" + Numbers.score(estimate.ciLow()) + ", "
                + Numbers.score(estimate.ciHigh()) + "]  n=" + estimate.n();
    }

    private static String shortDifference(PairedDifference result) {
        StringBuilder text = new StringBuilder(Numbers.signed(result.meanDifference()));
        if (result.ciLow() != null) {
            text.append(" [").append(Numbers.signed(result.ciLow())).append(", ")
                    .append(Numbers.signed(result.ciHigh())).append(']');
        }
        if (result.p() != null) {
            text.append("  p=").append(Numbers.pValue(result.p()));
        }
        text.append("  wins ").append(result.candidateWins()).append('/').append(result.baselineWins()).append('/')
                .append(result.ties());
        return text.toString();
    }

    private static void axis(Svg svg, double low, double high, double[] ticks, int height, boolean signed) {
        for (double tick : ticks) {
            double x = PLOT_LEFT + (tick - low) / (high - low) * (PLOT_RIGHT - PLOT_LEFT);
            svg.line(x, TOP - 6, x, height - 6, tick == 0 && signed ? "zero" : "grid");
            String label = signed ? signedTick(tick) : String.format(Locale.ROOT, "%.2f", tick);
            svg.text(x, TOP - 12, "middle", "tick", label);
        }
    }

    private static String signedTick(double tick) {
        String digits = BigDecimal.valueOf(Math.abs(tick)).stripTrailingZeros().toPlainString();
        if (tick == 0) {
            return "0";
        }
        return (tick > 0 ? "+" : "-") + digits;
    }

    private static double differenceRange(Comparison comparison) {
        double largest = 0;
        for (PairedDifference result : comparison.scores()) {
            for (Double value : new Double[] {result.meanDifference(), result.ciLow(), result.ciHigh()}) {
                if (value != null) {
                    largest = Math.max(largest, Math.abs(value));
                }
            }
        }
        for (PairedTask task : comparison.tasks()) {
            for (Score score : Score.values()) {
                Double difference = task.difference(score);
                if (difference != null) {
                    largest = Math.max(largest, Math.abs(difference));
                }
            }
        }
        for (double range : DIFFERENCE_RANGES) {
            if (largest <= range) {
                return range;
            }
        }
        return DIFFERENCE_RANGES[DIFFERENCE_RANGES.length - 1];
    }

    /** Returns the interval's CSS class: dashed when it runs past the axis, so a cut bar is not read as whole. */
    private static String intervalClass(double low, double high, double axisLow, double axisHigh) {
        return low < axisLow || high > axisHigh ? "interval clipped" : "interval";
    }

    private static double scoreX(double value) {
        return PLOT_LEFT + clip(value, 0, 1) * (PLOT_RIGHT - PLOT_LEFT);
    }

    private static double differenceX(double value, double range) {
        return PLOT_LEFT + (clip(value, -range, range) + range) / (2 * range) * (PLOT_RIGHT - PLOT_LEFT);
    }

    private static double clip(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
