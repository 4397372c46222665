package dev.orbitar.promptlab.worker.refining.openrouter;

import dev.orbitar.promptlab.worker.refining.RefineEngine;
import dev.orbitar.promptlab.worker.refining.RefineFailure;
import dev.orbitar.promptlab.worker.refining.RefineRequest;
import dev.orbitar.promptlab.worker.refining.RefineUsage;
import dev.orbitar.promptlab.worker.refining.Refinement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refines a task with one chat-completions call to OpenRouter or another OpenAI-compatible server. Thread-safe:
 * it keeps no state between calls beyond the shared client.
 */
public final class OpenRouterEngine implements RefineEngine {

    public static final String NAME = "openrouter";

    private static final Logger log = LoggerFactory.getLogger(OpenRouterEngine.class);

    private final OpenRouterClient client;
    private final ModelRouter router;
    private final RefinePromptBuilder promptBuilder;
    private final int maxOutputTokens;
    private final double temperature;

    public OpenRouterEngine(OpenRouterClient client) {
        OpenRouterSettings settings = client.settings();
        this.client = client;
        this.router = ModelRouter.from(settings);
        this.promptBuilder = new RefinePromptBuilder(settings.maxInputChars());
        this.maxOutputTokens = settings.maxOutputTokens();
        this.temperature = settings.temperature();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String modelFor(String category) {
        return router.modelFor(category);
    }

    @Override
    public Refinement refine(RefineRequest request) throws RefineFailure {
        RefinePrompt prompt = promptBuilder.build(request);
        String model = router.modelFor(request.category());
        ChatRequest chat = new ChatRequest("refinement", request.taskId(), model, prompt.system(), prompt.user(),
                maxOutputTokens, temperature);

        ChatResult result;
        try {
            result = client.complete(chat);
        } catch (ChatFailure failure) {
            throw new RefineFailure(failure.code(), failure.getMessage(), failure.stopsBatch(),
                    usage(failure.usage(), prompt, null), failure);
        }

        if ("length".equals(result.finishReason())) {
            log.info("Refinement of task {} by {} stopped at the output cap of {} tokens (finish_reason length)",
                    request.taskId(), result.model(), maxOutputTokens);
        }
        return new Refinement(result.content(), result.model(), usage(result.usage(), prompt, result.finishReason()));
    }

    private static RefineUsage usage(ChatUsage usage, RefinePrompt prompt, String finishReason) {
        if (usage == null || usage.attempts() == 0) {
            return null;
        }
        return new RefineUsage(NAME, usage.latencyMillis(), prompt.inputChars(), prompt.inputTruncated(),
                usage.attempts(), usage.promptTokens(), usage.completionTokens(), usage.costUsd(), finishReason);
    }
}
