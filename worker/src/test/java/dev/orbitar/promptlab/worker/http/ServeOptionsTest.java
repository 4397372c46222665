package dev.orbitar.promptlab.worker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServeOptionsTest {

    @Test
    void defaultsMatchOldWorker() {
        ServeOptions options = ServeOptions.fromEnv(Map.of());

        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.maxSafeLimit()).isEqualTo(200);
        assertThat(options.token()).isNull();
        assertThat(options.redeliveryWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void settingsRead() {
        ServeOptions options = ServeOptions.fromEnv(Map.of("PORT", "9090", "LAB_MAX_SAFE", "50",
                "LAB_HTTP_TOKEN", "tok", "LAB_EVENT_DEDUP_WINDOW_SECONDS", "30", "LAB_HTTP_RETRY_AFTER_SECONDS", "5"));

        assertThat(options.port()).isEqualTo(9090);
        assertThat(options.maxSafeLimit()).isEqualTo(50);
        assertThat(options.token().reveal()).isEqualTo("tok");
        assertThat(options.redeliveryWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "two words", "caf\u00e9"})
    void unusableTokenRejected(String token) {
        assertThatThrownBy(() -> ServeOptions.fromEnv(Map.of("LAB_HTTP_TOKEN", token)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid LAB_HTTP_TOKEN (value hidden)");
    }

    @Test
    void tokenHiddenInToString() {
        ServeOptions options = ServeOptions.fromEnv(Map.of("LAB_HTTP_TOKEN", "tok-secret"));

        assertThat(options.toString()).doesNotContain("tok-secret");
    }

    @Test
    void invalidPortRejected() {
        assertThatThrownBy(() -> ServeOptions.fromEnv(Map.of("PORT", "http")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("PORT 'http'")
                .hasMessageContaining("0 to 65535");
    }
}
