package dev.orbitar.promptlab.worker.scoring.judge;

import dev.orbitar.promptlab.worker.refining.openrouter.ChatFailure;
import dev.orbitar.promptlab.worker.refining.openrouter.ChatRequest;
import dev.orbitar.promptlab.worker.refining.openrouter.ChatResult;
import dev.orbitar.promptlab.worker.refining.openrouter.OpenRouterClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a refined prompt with an LLM against {@link JudgeRubric}, through the same client, retry policy and rate
 * limit as refinement. Thread-safe.
 */
public final class LlmJudge {

    public static final String UNPARSEABLE_ANSWER = "unparseable_answer";

    private static final Logger log = LoggerFactory.getLogger(LlmJudge.class);
    private static final int MAX_TOKENS = 600;
    // Scoring should be as repeatable as the provider allows.
    private static final double TEMPERATURE = 0.0;

    private final OpenRouterClient client;
    private final String model;
    private final JudgeAnswerParser parser = new JudgeAnswerParser();

    public LlmJudge(OpenRouterClient client, String model) {
        this.client = client;
        this.model = model;
    }

    public String model() {
        return model;
    }

    /** Judges one refined prompt; failures are returned as an error result, never thrown and never a score. */
    public JudgeResult judge(String prompt, String category, String subjectId) {
        ChatRequest request = new ChatRequest("judgement", subjectId, model, JudgeRubric.SYSTEM,
                JudgeRubric.userMessage(prompt, category), MAX_TOKENS, TEMPERATURE);

        ChatResult result;
        try {
            result = client.complete(request);
        } catch (ChatFailure failure) {
            return new JudgeResult(model, null, failure.code(), failure.getMessage(), failure.usage());
        }

        try {
            return new JudgeResult(result.model(), parser.parse(result.content()), null, null, result.usage());
        } catch (JudgeAnswerException e) {
            log.warn("Judge response of {} for task {} is invalid: {}", result.model(), subjectId,
                    e.getMessage());
            return new JudgeResult(result.model(), null, UNPARSEABLE_ANSWER, e.getMessage(), result.usage());
        }
    }
}
