package dev.orbitar.promptlab.worker.refining.openrouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenRouterSettingsLoaderTest {

    private static final String API_KEY = "sk-or-v1-settings-test-secret";

    private static OpenRouterSettings load(String... pairs) {
        Map<String, String> environment = new HashMap<>();
        environment.put("OPENROUTER_API_KEY", API_KEY);
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return OpenRouterSettingsLoader.load(environment).orElseThrow();
    }

    @Test
    void missingKeyMeansNoEngine() {
        assertThat(OpenRouterSettingsLoader.load(Map.of("OPENROUTER_API_KEY", "  "))).isEmpty();
    }

    @Test
    void validateChecksWithoutKey() {
        assertThatThrownBy(() -> OpenRouterSettingsLoader.validate(Map.of("LAB_TEMPERATURE", "abc")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("LAB_TEMPERATURE");
    }

    @Test
    void validateAcceptsDefaultsWithoutKey() {
        OpenRouterSettingsLoader.validate(Map.of());

        assertThat(OpenRouterSettingsLoader.load(Map.of())).isEmpty();
    }

    @Test
    void defaultsApplied() {
        OpenRouterSettings settings = load();

        assertThat(settings.baseUrl().toString()).isEqualTo("https://openrouter.ai/api/v1");
        assertThat(settings.openRouterExtensions()).isTrue();
        assertThat(settings.maxInputChars()).isEqualTo(8000);
        assertThat(settings.maxOutputTokens()).isEqualTo(512);
        assertThat(settings.temperature()).isEqualTo(0.3);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(settings.maxAttempts()).isEqualTo(4);
        assertThat(settings.retryMaxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.requestsPerMinute()).isNull();
        assertThat(settings.modelOverride()).isNull();
        assertThat(settings.judgeEnabled()).isFalse();
        assertThat(settings.appTitle()).isEqualTo("Prompt Lab");
        assertThat(settings.modelRoutes()).containsEntry("default", "openai/gpt-4o-mini");
        assertThat(settings.modelRoutes()).containsEntry("coding", OpenRouterSettingsLoader.DEFAULT_CODING_MODEL);
    }

    @Test
    void otherHostHasNoExtensions() {
        OpenRouterSettings settings = load("OPENROUTER_BASE_URL", "http://127.0.0.1:11434/v1");

        assertThat(settings.openRouterExtensions()).isFalse();
    }

    @Test
    void lookalikeHostHasNoExtensions() {
        OpenRouterSettings settings = load("OPENROUTER_BASE_URL", "https://openrouter.ai.example.com/api/v1");

        assertThat(settings.openRouterExtensions()).isFalse();
    }

    @Test
    void routesMergedOverDefaults() {
        OpenRouterSettings settings = load("LAB_MODEL_ROUTES", "writing=anthropic/claude-3.5-haiku, Coding=x/y");

        assertThat(settings.modelRoutes()).containsEntry("writing", "anthropic/claude-3.5-haiku");
        assertThat(settings.modelRoutes()).containsEntry("coding", "x/y");
        assertThat(settings.modelRoutes()).containsEntry("default", "openai/gpt-4o-mini");
    }

    @Test
    void routerUsesDefaultForUnroutedCategory() {
        ModelRouter router = ModelRouter.from(load("LAB_MODEL_ROUTES", "writing=w/w"));

        assertThat(router.modelFor("writing")).isEqualTo("w/w");
        assertThat(router.modelFor("planning")).isEqualTo("openai/gpt-4o-mini");
    }

    @Test
    void fractionalSecondsAccepted() {
        assertThat(load("LAB_READ_TIMEOUT_SECONDS", "0.25").readTimeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void fallbacksAndPreferencesRead() {
        OpenRouterSettings settings = load("OPENROUTER_FALLBACK_MODELS", "a/b, c/d",
                "OPENROUTER_PROVIDER_SORT", "Throughput", "OPENROUTER_DATA_COLLECTION", "deny",
                "LAB_JUDGE_MODEL", "openai/gpt-4o", "LAB_REQUESTS_PER_MINUTE", "120");

        assertThat(settings.fallbackModels()).containsExactly("a/b", "c/d");
        assertThat(settings.providerSort()).isEqualTo("throughput");
        assertThat(settings.dataCollection()).isEqualTo("deny");
        assertThat(settings.judgeModel()).isEqualTo("openai/gpt-4o");
        assertThat(settings.requestsPerMinute()).isEqualTo(120);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "OPENROUTER_BASE_URL | ftp://example.com | expected an http:// or https:// URL",
        "OPENROUTER_BASE_URL | https://user:pw@example.com/v1 | without user info",
        "LAB_MAX_INPUT_CHARS | 0 | expected a whole number from 1 to 1000000",
        "LAB_MAX_INPUT_CHARS | lots | expected a whole number from 1 to 1000000",
        "LAB_MAX_OUTPUT_TOKENS | -5 | expected a whole number from 1 to 200000",
        "LAB_TEMPERATURE | 2.5 | expected a number from 0.0 to 2.0",
        "LAB_TEMPERATURE | warm | expected a number from 0.0 to 2.0",
        "LAB_READ_TIMEOUT_SECONDS | 0 | expected seconds from",
        "LAB_CALL_TIMEOUT_SECONDS | 1 | must be at least LAB_CONNECT_TIMEOUT_SECONDS",
        "LAB_MAX_ATTEMPTS | 11 | expected a whole number from 1 to 10",
        "LAB_RETRY_MAX_SECONDS | -1 | expected seconds from 0.0 to 3600.0",
        "LAB_REQUESTS_PER_MINUTE | 0 | expected a whole number from 1 to 100000",
        "LAB_MODEL_NAME | gpt 4 | expected a model id without spaces or commas",
        "LAB_MODEL_ROUTES | coding | expected comma-separated category=model pairs",
        "LAB_MODEL_ROUTES | cooking=a/b | expected comma-separated category=model pairs",
        "LAB_JUDGE_MODEL | a,b | expected a model id",
        "OPENROUTER_APP_URL | not a url | expected an http:// or https:// URL",
        "OPENROUTER_FALLBACK_MODELS | a/b,c d | expected comma-separated model ids",
        "OPENROUTER_PROVIDER_SORT | fastest | expected one of latency, price, throughput",
        "OPENROUTER_DATA_COLLECTION | maybe | expected one of allow, deny",
    })
    void invalidValueNamed(String name, String value, String accepted) {
        Throwable thrown = catchThrowable(() -> load(name, value));

        assertThat(thrown).isInstanceOf(InvalidSettingException.class);
        assertThat(thrown.getMessage()).startsWith("Invalid " + name + " '");
        assertThat(thrown.getMessage()).contains(accepted);
        assertThat(thrown.getMessage()).doesNotContain("\n");
        assertThat(thrown.getMessage()).doesNotContain(API_KEY);
    }

    @Test
    void malformedKeyNeverShown() {
        String key = "sk-or-v1 has a space";

        assertThatThrownBy(() -> OpenRouterSettingsLoader.load(Map.of("OPENROUTER_API_KEY", key)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("OPENROUTER_API_KEY")
                .hasMessageNotContaining("has a space");
    }

    @Test
    void toStringHidesKey() {
        assertThat(load().toString()).doesNotContain(API_KEY);
    }
}
