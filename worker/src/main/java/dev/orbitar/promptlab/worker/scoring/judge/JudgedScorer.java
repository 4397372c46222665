package dev.orbitar.promptlab.worker.scoring.judge;

import dev.orbitar.promptlab.worker.scoring.ScoreCard;
import dev.orbitar.promptlab.worker.scoring.Scorer;
import dev.orbitar.promptlab.worker.scoring.ScoringException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds the LLM judge to another scorer (the deterministic rubric). The judge's scores go into metricsJson under
 * {@code judge}. overallScore is the mean of the rubric's overall and the judge's overall when the judge
 * succeeded, and the rubric's overall alone when it failed; metricsJson keeps the rubric's own overall as
 * {@code rubricOverall} and names the method used in {@code overallMethod}.
 */
public final class JudgedScorer implements Scorer {

    public static final String BOTH = "mean_of_rubric_and_judge";
    public static final String RUBRIC_ONLY = "rubric_only";

    private final Scorer rubric;
    private final LlmJudge judge;

    public JudgedScorer(Scorer rubric, LlmJudge judge) {
        this.rubric = rubric;
        this.judge = judge;
    }

    @Override
    public ScoreCard score(String prompt, String category) throws ScoringException {
        ScoreCard card = rubric.score(prompt, category);
        // NOTE: the Scorer contract carries no task id, so judge log lines name no task.
        JudgeResult result = judge.judge(prompt, category, "-");

        Map<String, Object> metrics = new LinkedHashMap<>(card.metrics());
        metrics.put("judge", judgeMetrics(result));
        metrics.put("rubricOverall", card.overall());

        double overall = card.overall();
        if (result.succeeded()) {
            overall = (card.overall() + result.verdict().overall()) / 2;
            metrics.put("overallMethod", BOTH);
        } else {
            metrics.put("overallMethod", RUBRIC_ONLY);
        }
        return new ScoreCard(card.structure(), card.contract(), card.domain(), overall, metrics);
    }

    private static Map<String, Object> judgeMetrics(JudgeResult result) {
        Map<String, Object> judge = new LinkedHashMap<>();
        judge.put("model", result.model());
        if (result.succeeded()) {
            judge.put("status", "ok");
            judge.put("overall", result.verdict().overall());
            judge.put("scores", result.verdict().scores());
            judge.put("reasons", result.verdict().reasons());
            judge.put("sourceScale", result.verdict().sourceScale());
        } else {
            judge.put("status", "error");
            judge.put("error", result.errorCode());
        }
        if (result.usage() != null) {
            judge.put("attempts", result.usage().attempts());
            if (result.usage().costUsd() != null) {
                judge.put("costUsd", result.usage().costUsd());
            }
        }
        return judge;
    }
}
