package dev.orbitar.promptlab.worker.logging;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.util.Locale;
import java.util.Map;

/**
 * The console log format: plain text for a terminal, JSON lines for Cloud Logging.
 *
 * <p>{@code LOG_FORMAT=json} or {@code LOG_FORMAT=text} chooses it. Unset, JSON is used where a log collector
 * reads standard output: on Cloud Run ({@code K_SERVICE} for services, {@code CLOUD_RUN_JOB} for jobs) and on
 * Kubernetes ({@code KUBERNETES_SERVICE_HOST}, set in every pod); text everywhere else.
 */
public enum LogFormat {
    TEXT,
    JSON;

    /** The environment variable that forces a format. */
    public static final String SETTING = "LOG_FORMAT";

    /**
     * Returns the format for this environment, or throws when {@code LOG_FORMAT} has a value other than
     * {@code json}, {@code text} or blank. Call it once at start so a typo stops the worker with a clear message.
     */
    public static LogFormat parse(Map<String, String> env) {
        String value = env.get(SETTING);
        if (value == null || value.isBlank()) {
            return detect(env);
        }

        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "text" -> TEXT;
            default -> throw new InvalidSettingException(SETTING, value, "use json, text, or leave it unset to "
                    + "choose json on Cloud Run and Kubernetes and text elsewhere");
        };
    }

    /**
     * Returns the format for this environment without throwing: an unknown {@code LOG_FORMAT} value is treated as
     * unset. The console encoder calls this while Logback configures itself, before the worker can
     * report a setting error.
     */
    public static LogFormat resolve(Map<String, String> env) {
        try {
            return parse(env);
        } catch (InvalidSettingException e) {
            return detect(env);
        }
    }

    private static LogFormat detect(Map<String, String> env) {
        boolean collected = isSet(env, "K_SERVICE") || isSet(env, "CLOUD_RUN_JOB")
                || isSet(env, "KUBERNETES_SERVICE_HOST");
        return collected ? JSON : TEXT;
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
