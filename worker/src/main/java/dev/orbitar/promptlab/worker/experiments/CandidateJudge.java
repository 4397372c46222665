package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.report.ScoreStatistics;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Turns a candidate's paired statistics into a recommendation. The rules, tried in this order:
 * <ol>
 *   <li>Fewer paired tasks than {@link ExperimentCriteria#minimumPairs()}: keep testing.</li>
 *   <li>A guardrail is breached (its whole interval is beyond the margin): retire.</li>
 *   <li>The overall interval lies below zero (significantly worse, p &lt; 0.05): retire.</li>
 *   <li>The overall interval lies above zero (significantly better): promote when every guardrail holds or is
 *       not measured, otherwise keep testing until the undecided guardrails settle.</li>
 *   <li>The overall interval lies below the minimum effect: retire, because more tasks cannot make the candidate
 *       better by an amount worth promoting.</li>
 *   <li>Otherwise: keep testing until the overall difference settles.</li>
 * </ol>
 * For keep testing, {@link PairedSampleSize} estimates the paired tasks needed at the observed effect.
 */
final class CandidateJudge {

    private final ExperimentCriteria criteria;

    CandidateJudge(ExperimentCriteria criteria) {
        this.criteria = criteria;
    }

    /**
     * A recommendation with its reason and, for keep testing, the more paired tasks needed (null when unknown).
     */
    record Verdict(Recommendation recommendation, String reason, Long moreTasks) {
    }

    Verdict judge(PairedValues overall, List<Guardrail> guardrails) {
        int n = overall.n();
        if (n < criteria.minimumPairs()) {
            long needed = Math.max(criteria.minimumPairs(), neededForOverall(overall).orElse(0));
            return new Verdict(Recommendation.KEEP_TESTING, n + " paired tasks so far; a decision needs at least "
                    + criteria.minimumPairs(), needed - n);
        }

        for (Guardrail guardrail : guardrails) {
            if (guardrail.verdict() == GuardrailVerdict.BREACHED) {
                return new Verdict(Recommendation.RETIRE, guardrail.measure().label() + " is worse by "
                        + number(guardrail.worseBy()) + " " + interval(guardrail.worseLow(), guardrail.worseHigh())
                        + ", beyond the margin " + number(guardrail.margin()), null);
            }
        }

        if (overall.ciHigh() < -ScoreStatistics.TOLERANCE) {
            return new Verdict(Recommendation.RETIRE, "overall is lower by " + number(-overall.mean()) + " "
                    + interval(overall.ciLow(), overall.ciHigh()), null);
        }

        if (overall.ciLow() > ScoreStatistics.TOLERANCE) {
            List<Guardrail> undecided = guardrails.stream()
                    .filter(guardrail -> guardrail.verdict() == GuardrailVerdict.UNDECIDED)
                    .toList();
            String better = "overall is higher by " + number(overall.mean()) + " "
                    + interval(overall.ciLow(), overall.ciHigh());
            if (undecided.isEmpty()) {
                return new Verdict(Recommendation.PROMOTE, better + " and no guardrail is worse beyond its margin",
                        null);
            }
            String measures = undecided.stream().map(guardrail -> guardrail.measure().label())
                    .collect(Collectors.joining(", "));
            return new Verdict(Recommendation.KEEP_TESTING, better + ", but " + measures
                    + " may still be worse beyond the margin", moreForGuardrails(undecided, n));
        }

        if (overall.ciHigh() < criteria.minimumEffect() - ScoreStatistics.TOLERANCE) {
            return new Verdict(Recommendation.RETIRE, "overall cannot be higher by the minimum effect "
                    + number(criteria.minimumEffect()) + ": " + interval(overall.ciLow(), overall.ciHigh()), null);
        }

        OptionalLong needed = neededForOverall(overall);
        return new Verdict(Recommendation.KEEP_TESTING, "overall difference " + signed(overall.mean())
                + " is not significant " + interval(overall.ciLow(), overall.ciHigh()),
                needed.isPresent() ? Math.max(0, needed.getAsLong() - n) : null);
    }

    private OptionalLong neededForOverall(PairedValues overall) {
        if (overall.standardDeviation() == null) {
            return OptionalLong.empty();
        }
        return PairedSampleSize.pairedTasksNeeded(overall.standardDeviation(), overall.mean(), criteria.power());
    }

    private Long moreForGuardrails(List<Guardrail> undecided, int pairedTasks) {
        long more = 0;
        for (Guardrail guardrail : undecided) {
            if (guardrail.standardDeviation() == null) {
                // Fewer than two tasks have this measure, so its spread is unknown.
                return null;
            }
            OptionalLong needed = PairedSampleSize.pairedTasksNeeded(guardrail.standardDeviation(),
                    guardrail.worseBy() - guardrail.margin(), criteria.power());
            if (needed.isEmpty()) {
                return null;
            }
            more = Math.max(more, needed.getAsLong() - Math.min(pairedTasks, guardrail.n()));
        }
        return more;
    }

    private static String interval(Double low, Double high) {
        return "(95% CI " + signed(low) + " to " + signed(high) + ")";
    }

    // Three significant digits keep both score differences (0.0523) and costs per run (0.000125) readable.
    static String number(double value) {
        if (Math.abs(value) <= ScoreStatistics.TOLERANCE) {
            return "0";
        }
        return BigDecimal.valueOf(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    static String signed(double value) {
        String text = number(value);
        return text.startsWith("-") || text.equals("0") ? text : "+" + text;
    }
}
