package dev.orbitar.promptlab.worker.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void terminalIsText() {
        assertThat(LogFormat.parse(Map.of())).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void cloudRunServiceIsJson() {
        assertThat(LogFormat.parse(Map.of("K_SERVICE", "prompt-lab"))).isEqualTo(LogFormat.JSON);
    }

    @Test
    void cloudRunJobIsJson() {
        assertThat(LogFormat.parse(Map.of("CLOUD_RUN_JOB", "prompt-lab"))).isEqualTo(LogFormat.JSON);
    }

    @Test
    void kubernetesIsJson() {
        assertThat(LogFormat.parse(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"))).isEqualTo(LogFormat.JSON);
    }

    @Test
    void textOverridesPlatform() {
        assertThat(LogFormat.parse(Map.of("LOG_FORMAT", "text", "K_SERVICE", "lab"))).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void jsonForcedAnywhere() {
        assertThat(LogFormat.parse(Map.of("LOG_FORMAT", " JSON "))).isEqualTo(LogFormat.JSON);
    }

    @Test
    void unknownValueRejected() {
        assertThatThrownBy(() -> LogFormat.parse(Map.of("LOG_FORMAT", "yaml")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("LOG_FORMAT 'yaml'");
    }

    @Test
    void resolveIgnoresUnknownValue() {
        assertThat(LogFormat.resolve(Map.of("LOG_FORMAT", "yaml", "KUBERNETES_SERVICE_HOST", "10.0.0.1")))
                .isEqualTo(LogFormat.JSON);
    }
}
