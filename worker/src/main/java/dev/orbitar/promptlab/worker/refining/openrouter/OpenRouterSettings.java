package dev.orbitar.promptlab.worker.refining.openrouter;

import dev.orbitar.promptlab.worker.settings.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Validated settings of the chat-completions client, the {@code openrouter} refine engine and the LLM judge.
 * {@link OpenRouterSettingsLoader} builds them from the environment; docs/openrouter.md lists every setting.
 *
 * @param apiKey the bearer token sent to the provider
 * @param baseUrl the API base, e.g. {@code https://openrouter.ai/api/v1}; requests go to {@code {base}/chat/completions}
 * @param openRouterExtensions whether the base URL is OpenRouter's, so OpenRouter-only fields and headers are sent
 * @param maxInputChars characters of the task's text sent at most; longer text is cut and the cut recorded
 * @param maxOutputTokens the request's {@code max_tokens}
 * @param temperature the request's {@code temperature}
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout time allowed between two reads of the response, headers included
 * @param callTimeout hard cap on one HTTP call, from connecting to the last byte of the body
 * @param maxAttempts calls made at most for one refinement or judgement, the first included
 * @param retryMaxWait total time spent waiting between attempts of one refinement, and the largest
 *     {@code Retry-After} honoured
 * @param requestsPerMinute requests sent per minute at most across all threads, or null for no limit
 * @param modelOverride the model used for every category, or null to route by category
 * @param modelRoutes model per task category; the key {@code default} serves categories without a route
 * @param judgeModel the LLM judge's model, or null when the judge is off
 * @param appUrl the {@code HTTP-Referer} attribution header, or null
 * @param appTitle the {@code X-Title} attribution header, or null
 * @param fallbackModels models OpenRouter tries after the routed one, in order (the request's {@code models})
 * @param providerSort OpenRouter provider preference {@code sort} (price, throughput or latency), or null
 * @param dataCollection OpenRouter provider preference {@code data_collection} (allow or deny), or null
 */
public record OpenRouterSettings(
        Secret apiKey,
        HttpUrl baseUrl,
        boolean openRouterExtensions,
        int maxInputChars,
        int maxOutputTokens,
        double temperature,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        int maxAttempts,
        Duration retryMaxWait,
        Integer requestsPerMinute,
        String modelOverride,
        Map<String, String> modelRoutes,
        String judgeModel,
        String appUrl,
        String appTitle,
        List<String> fallbackModels,
        String providerSort,
        String dataCollection) {

    /** The routing key used for a category that has no route of its own. */
    public static final String DEFAULT_ROUTE = "default";

    public OpenRouterSettings {
        modelRoutes = Map.copyOf(modelRoutes);
        fallbackModels = List.copyOf(fallbackModels);
    }

    /** Returns whether the optional LLM judge is configured. */
    public boolean judgeEnabled() {
        return judgeModel != null;
    }

    /**
     * Returns a copy that sends or omits the OpenRouter-only fields whatever the host, for a gateway that speaks
     * OpenRouter's dialect under another name (and for tests against a local fake provider).
     */
    public OpenRouterSettings withOpenRouterExtensions(boolean enabled) {
        return new OpenRouterSettings(apiKey, baseUrl, enabled, maxInputChars, maxOutputTokens, temperature,
                connectTimeout, readTimeout, callTimeout, maxAttempts, retryMaxWait, requestsPerMinute,
                modelOverride, modelRoutes, judgeModel, appUrl, appTitle, fallbackModels, providerSort,
                dataCollection);
    }

    @Override
    public String toString() {
        // Spelled out so that a future field can never print the key by accident.
        return "OpenRouterSettings[baseUrl=" + baseUrl
                + ", openRouterExtensions=" + openRouterExtensions
                + ", maxInputChars=" + maxInputChars
                + ", maxOutputTokens=" + maxOutputTokens
                + ", temperature=" + temperature
                + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout
                + ", callTimeout=" + callTimeout
                + ", maxAttempts=" + maxAttempts
                + ", retryMaxWait=" + retryMaxWait
                + ", requestsPerMinute=" + requestsPerMinute
                + ", modelOverride=" + modelOverride
                + ", modelRoutes=" + modelRoutes
                + ", judgeModel=" + judgeModel
                + ", fallbackModels=" + fallbackModels
                + ", apiKey=" + apiKey
                + "]";
    }
}
