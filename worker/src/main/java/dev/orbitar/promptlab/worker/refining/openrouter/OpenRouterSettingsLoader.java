package dev.orbitar.promptlab.worker.refining.openrouter;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import dev.orbitar.promptlab.worker.settings.Secret;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Reads {@link OpenRouterSettings} from environment variables, validating each one. Every error is one line that
 * names the setting, its value (never the API key) and what is accepted.
 */
public final class OpenRouterSettingsLoader {

    public static final String DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";
    public static final String DEFAULT_MODEL = "openai/gpt-4o-mini";
    // NOTE: the old worker's coding model is not known; this is a choice, replaceable with LAB_MODEL_ROUTES.
    public static final String DEFAULT_CODING_MODEL = "qwen/qwen-2.5-coder-32b-instruct";
    public static final String DEFAULT_APP_TITLE = "Prompt Lab";

    private static final Set<String> ROUTE_KEYS = Set.of(
            "coding", "writing", "planning", "research", "creative", "communication", "general",
            OpenRouterSettings.DEFAULT_ROUTE);
    // Model ids of OpenRouter (vendor/name:variant), Ollama (name:tag) and vLLM (org/name or a path).
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._:/@+\\-]{1,200}");
    private static final Pattern API_KEY = Pattern.compile("[\\x21-\\x7e]{1,1000}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");

    private final Map<String, String> environment;

    private OpenRouterSettingsLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Reads the settings, or returns empty when OPENROUTER_API_KEY is unset or blank (the engine is then off).
     *
     * @throws InvalidSettingException when a setting has a value that is not accepted
     */
    public static Optional<OpenRouterSettings> load(Map<String, String> environment) {
        Secret apiKey = Secret.ofNullable(environment.get("OPENROUTER_API_KEY"));
        if (apiKey == null) {
            return Optional.empty();
        }
        if (!API_KEY.matcher(apiKey.reveal().trim()).matches()) {
            // The value is never shown: a malformed key is still mostly a real key.
            throw new InvalidSettingException("OPENROUTER_API_KEY", "(hidden)",
                    "expected printable ASCII without spaces, as issued by the provider");
        }
        apiKey = Secret.ofNullable(apiKey.reveal().trim());
        return Optional.of(new OpenRouterSettingsLoader(environment).read(apiKey));
    }

    /**
     * Checks every provider setting, with or without OPENROUTER_API_KEY, so that a mistyped value stops the worker at
     * start rather than on the day a key is added.
     *
     * @throws InvalidSettingException when a setting has a value that is not accepted
     */
    public static void validate(Map<String, String> environment) {
        if (load(environment).isEmpty()) {
            // The key only travels inside the settings record, which is dropped here.
            new OpenRouterSettingsLoader(environment).read(Secret.ofNullable("unused-for-validation"));
        }
    }

    private OpenRouterSettings read(Secret apiKey) {
        HttpUrl baseUrl = baseUrl();

        Duration connectTimeout = seconds("LAB_CONNECT_TIMEOUT_SECONDS", "10", 0.05, 600);
        Duration readTimeout = seconds("LAB_READ_TIMEOUT_SECONDS", "120", 0.05, 3600);
        Duration callTimeout = seconds("LAB_CALL_TIMEOUT_SECONDS", "180", 0.05, 3600);
        if (callTimeout.compareTo(connectTimeout) < 0) {
            throw new InvalidSettingException("LAB_CALL_TIMEOUT_SECONDS", value("LAB_CALL_TIMEOUT_SECONDS"),
                    "must be at least LAB_CONNECT_TIMEOUT_SECONDS (" + connectTimeout.toMillis() / 1000.0 + ")");
        }

        return new OpenRouterSettings(
                apiKey,
                baseUrl,
                isOpenRouterHost(baseUrl.host()),
                integer("LAB_MAX_INPUT_CHARS", "8000", 1, 1_000_000),
                integer("LAB_MAX_OUTPUT_TOKENS", "512", 1, 200_000),
                decimal("LAB_TEMPERATURE", "0.3", 0, 2),
                connectTimeout,
                readTimeout,
                callTimeout,
                integer("LAB_MAX_ATTEMPTS", "4", 1, 10),
                seconds("LAB_RETRY_MAX_SECONDS", "60", 0, 3600),
                optionalInteger("LAB_REQUESTS_PER_MINUTE", 1, 100_000),
                optionalModel("LAB_MODEL_NAME"),
                modelRoutes(),
                optionalModel("LAB_JUDGE_MODEL"),
                appUrl(),
                optionalText("OPENROUTER_APP_TITLE", DEFAULT_APP_TITLE),
                fallbackModels(),
                optionalChoice("OPENROUTER_PROVIDER_SORT", Set.of("price", "throughput", "latency")),
                optionalChoice("OPENROUTER_DATA_COLLECTION", Set.of("allow", "deny")));
    }

    /** Returns whether a host is OpenRouter's, the only host that receives OpenRouter-only fields and headers. */
    static boolean isOpenRouterHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("openrouter.ai") || lower.endsWith(".openrouter.ai");
    }

    private HttpUrl baseUrl() {
        String raw = valueOr("OPENROUTER_BASE_URL", DEFAULT_BASE_URL);
        HttpUrl url = HttpUrl.parse(raw);
        if (url == null) {
            throw new InvalidSettingException("OPENROUTER_BASE_URL", raw,
                    "expected an http:// or https:// URL such as " + DEFAULT_BASE_URL);
        }
        if (!url.username().isEmpty() || !url.password().isEmpty() || url.query() != null) {
            throw new InvalidSettingException("OPENROUTER_BASE_URL", url.scheme() + "://" + url.host(),
                    "expected a URL without user info or query; put the key in OPENROUTER_API_KEY");
        }
        return url;
    }

    private String appUrl() {
        String raw = value("OPENROUTER_APP_URL");
        if (raw == null) {
            return null;
        }
        if (HttpUrl.parse(raw) == null) {
            throw new InvalidSettingException("OPENROUTER_APP_URL", raw,
                    "expected an http:// or https:// URL identifying the app, e.g. https://example.com/prompt-lab");
        }
        return raw;
    }

    private Map<String, String> modelRoutes() {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("coding", DEFAULT_CODING_MODEL);
        routes.put(OpenRouterSettings.DEFAULT_ROUTE, DEFAULT_MODEL);

        String raw = value("LAB_MODEL_ROUTES");
        if (raw == null) {
            return routes;
        }
        String accepted = "expected comma-separated category=model pairs, e.g. coding=qwen/qwen-2.5-coder-32b-instruct,"
                + "default=openai/gpt-4o-mini, with categories " + String.join(", ", ROUTE_KEYS.stream().sorted().toList());
        for (String pair : raw.split(",")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new InvalidSettingException("LAB_MODEL_ROUTES", raw, accepted);
            }
            String category = trimmed.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String model = trimmed.substring(equals + 1).trim();
            if (!ROUTE_KEYS.contains(category) || !MODEL_ID.matcher(model).matches()) {
                throw new InvalidSettingException("LAB_MODEL_ROUTES", raw, accepted);
            }
            routes.put(category, model);
        }
        return routes;
    }

    private List<String> fallbackModels() {
        String raw = value("OPENROUTER_FALLBACK_MODELS");
        List<String> models = new ArrayList<>();
        if (raw == null) {
            return models;
        }
        for (String part : raw.split(",")) {
            String model = part.trim();
            if (model.isEmpty()) {
                continue;
            }
            if (!MODEL_ID.matcher(model).matches()) {
                throw new InvalidSettingException("OPENROUTER_FALLBACK_MODELS", raw,
                        "expected comma-separated model ids, e.g. openai/gpt-4o-mini,anthropic/claude-3.5-haiku");
            }
            models.add(model);
        }
        return models;
    }

    private String optionalModel(String name) {
        String raw = value(name);
        if (raw == null) {
            return null;
        }
        if (!MODEL_ID.matcher(raw).matches()) {
            throw new InvalidSettingException(name, raw,
                    "expected a model id without spaces or commas, e.g. openai/gpt-4o-mini");
        }
        return raw;
    }

    private String optionalText(String name, String defaultValue) {
        String raw = valueOr(name, defaultValue);
        if (raw.length() > 200 || raw.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new InvalidSettingException(name, raw, "expected printable ASCII of at most 200 characters");
        }
        return raw;
    }

    private String optionalChoice(String name, Set<String> choices) {
        String raw = value(name);
        if (raw == null) {
            return null;
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (!choices.contains(lower)) {
            throw new InvalidSettingException(name, raw,
                    "expected one of " + String.join(", ", choices.stream().sorted().toList()));
        }
        return lower;
    }

    private int integer(String name, String defaultValue, int min, int max) {
        String raw = valueOr(name, defaultValue);
        if (!WHOLE_NUMBER.matcher(raw).matches()) {
            throw new InvalidSettingException(name, raw, "expected a whole number from " + min + " to " + max);
        }
        int parsed = Integer.parseInt(raw);
        if (parsed < min || parsed > max) {
            throw new InvalidSettingException(name, raw, "expected a whole number from " + min + " to " + max);
        }
        return parsed;
    }

    private Integer optionalInteger(String name, int min, int max) {
        return value(name) == null ? null : integer(name, null, min, max);
    }

    private double decimal(String name, String defaultValue, double min, double max) {
        String raw = valueOr(name, defaultValue);
        String accepted = "expected a number from " + min + " to " + max;
        double parsed;
        try {
            parsed = new BigDecimal(raw).doubleValue();
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(name, raw, accepted);
        }
        if (parsed < min || parsed > max) {
            throw new InvalidSettingException(name, raw, accepted);
        }
        return parsed;
    }

    private Duration seconds(String name, String defaultValue, double min, double max) {
        String raw = valueOr(name, defaultValue);
        String accepted = "expected seconds from " + min + " to " + max + ", e.g. 30 or 0.5";
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(name, raw, accepted);
        }
        if (parsed.doubleValue() < min || parsed.doubleValue() > max) {
            throw new InvalidSettingException(name, raw, accepted);
        }
        return Duration.ofMillis(parsed.movePointRight(3).longValue());
    }

    private String valueOr(String name, String defaultValue) {
        String raw = value(name);
        return raw == null ? defaultValue : raw;
    }

    /** Returns the trimmed value, or null when the variable is unset or blank. */
    private String value(String name) {
        String raw = environment.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.trim();
    }
}
