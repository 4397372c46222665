package dev.orbitar.promptlab.worker.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a child JVM with the real logback.xml and reads its standard output line by line. */
class LogbackSwitchTest {

    @TempDir
    Path temp;
    private Path stderr;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PLATFORM_VARIABLES = List.of("LOG_FORMAT", "K_SERVICE", "CLOUD_RUN_JOB",
            "KUBERNETES_SERVICE_HOST", "GOOGLE_CLOUD_PROJECT");

    @Test
    void jsonSettingWritesJsonLines() throws Exception {
        List<JsonNode> lines = jsonLines(run(Map.of("LOG_FORMAT", "json")));

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).path("message").asText())
                .isEqualTo("[PromptLabCron] Starting Lab batch { limit: 5 }");
        assertThat(lines.get(1).path("severity").asText()).isEqualTo("WARNING");
        assertThat(lines.get(1).path(CloudLoggingEncoder.LABELS).path("batchId").asText()).isEqualTo("b-7");
        assertThat(lines.get(2).path("stack_trace").asText()).contains("IllegalStateException: lease lost");
    }

    @Test
    void cloudRunDefaultsToJson() throws Exception {
        List<String> output = run(Map.of("K_SERVICE", "prompt-lab", "GOOGLE_CLOUD_PROJECT", "lab-project"));

        assertThat(output).allSatisfy(line -> assertThat(line).startsWith("{"));
        assertThat(jsonLines(output)).hasSize(3);
    }

    @Test
    void kubernetesDefaultsToJson() throws Exception {
        List<String> output = run(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"));

        assertThat(jsonLines(output)).hasSize(3);
    }

    @Test
    void terminalDefaultsToText() throws Exception {
        List<String> output = run(Map.of());

        assertThat(output.get(0)).endsWith("INFO  [PromptLabCron] Starting Lab batch { limit: 5 }");
    }

    @Test
    void textSettingBeatsPlatform() throws Exception {
        List<String> output = run(Map.of("LOG_FORMAT", "text", "K_SERVICE", "prompt-lab"));

        assertThat(output.get(0)).doesNotStartWith("{");
    }

    private static List<JsonNode> jsonLines(List<String> output) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void statusStaysQuiet() throws Exception {
        run(Map.of("LOG_FORMAT", "json"));

        assertThat(Files.readString(stderr)).isEmpty();
    }

    private List<String> run(Map<String, String> env) throws IOException, InterruptedException {
        stderr = temp.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LogLineProbe.class.getName());
        builder.environment().keySet().removeAll(PLATFORM_VARIABLES);
        builder.environment().putAll(env);
        builder.redirectError(stderr.toFile());

        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return output.lines().toList();
    }
}
