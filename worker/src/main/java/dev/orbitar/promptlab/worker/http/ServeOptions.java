package dev.orbitar.promptlab.worker.http;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import dev.orbitar.promptlab.worker.settings.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of serve mode: where it listens and how it responds.
 *
 * @param bindAddress the address to listen on, or null for every interface (what containers need)
 * @param port the TCP port; 0 picks a free one
 * @param maxSafeLimit the largest {@code batchLimit} a request may ask for; more is answered 400
 * @param token the shared secret every route but health requires as a bearer token, or null for no check
 * @param redeliveryWindow how long a CloudEvent's source and id are remembered, so a redelivery runs no batch
 * @param retryAfter the {@code Retry-After} sent with 409 (a batch is running) and 503 (shutting down)
 */
public record ServeOptions(
        InetAddress bindAddress,
        int port,
        int maxSafeLimit,
        Secret token,
        Duration redeliveryWindow,
        Duration retryAfter) {

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_SAFE_LIMIT = 200;
    public static final Duration DEFAULT_REDELIVERY_WINDOW = Duration.ofMinutes(10);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    /** Returns the socket address to bind. */
    public InetSocketAddress socketAddress() {
        return bindAddress == null ? new InetSocketAddress(port) : new InetSocketAddress(bindAddress, port);
    }

    /**
     * Reads the options from the environment: {@code PORT} (default 8080), {@code LAB_MAX_SAFE} (default 200),
     * {@code LAB_HTTP_TOKEN} (unset: no token check), {@code LAB_EVENT_DEDUP_WINDOW_SECONDS} (default 600) and
     * {@code LAB_HTTP_RETRY_AFTER_SECONDS} (default 60). Listens on every interface.
     */
    public static ServeOptions fromEnv(Map<String, String> env) {
        int port = intSetting(env, "PORT", DEFAULT_PORT, 0, 65535);
        int maxSafe = intSetting(env, "LAB_MAX_SAFE", DEFAULT_MAX_SAFE_LIMIT, 1, Integer.MAX_VALUE);
        Secret token = token(env.get("LAB_HTTP_TOKEN"));
        int window = intSetting(env, "LAB_EVENT_DEDUP_WINDOW_SECONDS",
                (int) DEFAULT_REDELIVERY_WINDOW.toSeconds(), 0, 86_400);
        int retryAfter = intSetting(env, "LAB_HTTP_RETRY_AFTER_SECONDS", (int) DEFAULT_RETRY_AFTER.toSeconds(), 1,
                86_400);
        return new ServeOptions(null, port, maxSafe, token, Duration.ofSeconds(window),
                Duration.ofSeconds(retryAfter));
    }

    /**
     * Reads the bearer token. A variable that is set but blank (an empty secret mount) is rejected rather than read
     * as "no check", and so is a token no HTTP header can carry.
     */
    private static Secret token(String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || !value.strip().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidSettingException("Invalid LAB_HTTP_TOKEN (value hidden): it is blank or has characters"
                    + " other than visible ASCII; unset it to turn the token check off, or set a token such as the"
                    + " output of 'openssl rand -hex 32'");
        }
        return Secret.ofNullable(value.strip());
    }

    private static int intSetting(Map<String, String> env, String name, int defaultValue, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }

        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        throw new InvalidSettingException(name, value, "expected an integer from " + min + " to " + max);
    }
}
