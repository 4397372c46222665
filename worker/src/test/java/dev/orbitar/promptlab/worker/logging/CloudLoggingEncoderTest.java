package dev.orbitar.promptlab.worker.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudLoggingEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("PromptLabCron");
    private final CloudLoggingEncoder encoder = new CloudLoggingEncoder();

    @ParameterizedTest
    @CsvSource({"TRACE, DEBUG", "DEBUG, DEBUG", "INFO, INFO", "WARN, WARNING", "ERROR, ERROR"})
    void severityMapsLevel(String level, String severity) throws Exception {
        JsonNode line = encode(event(Level.toLevel(level), "x", null), Map.of());

        assertThat(line.path("severity").asText()).isEqualTo(severity);
    }

    @Test
    void messageKeepsWording() throws Exception {
        LoggingEvent event = new LoggingEvent("test", logger, Level.INFO,
                "[PromptLabCron] Starting Lab batch { limit: {} }", null, new Object[] {5});

        JsonNode line = encode(event, Map.of());

        assertThat(line.path("message").asText()).isEqualTo("[PromptLabCron] Starting Lab batch { limit: 5 }");
    }

    @Test
    void timestampIsUtc() throws Exception {
        LoggingEvent event = event(Level.INFO, "x", null);
        event.setInstant(Instant.parse("2024-05-06T07:08:09.123Z"));

        JsonNode line = encode(event, Map.of());

        assertThat(line.path("timestamp").asText()).isEqualTo("2024-05-06T07:08:09.123Z");
    }

    @Test
    void loggerAndThreadPresent() throws Exception {
        LoggingEvent event = event(Level.INFO, "x", null);
        event.setThreadName("lab-task");

        JsonNode line = encode(event, Map.of());

        assertThat(line.path("logger").asText()).isEqualTo("PromptLabCron");
        assertThat(line.path("thread").asText()).isEqualTo("lab-task");
    }

    @Test
    void batchIdBecomesLabel() throws Exception {
        JsonNode line = encode(event(Level.INFO, "x", null), Map.of("batchId", "b-42"));

        assertThat(line.path(CloudLoggingEncoder.LABELS).path("batchId").asText()).isEqualTo("b-42");
    }

    @Test
    void noMdcMeansNoLabels() throws Exception {
        JsonNode line = encode(event(Level.INFO, "x", null), Map.of());

        assertThat(line.has(CloudLoggingEncoder.LABELS)).isFalse();
        assertThat(line.has(CloudLoggingEncoder.TRACE)).isFalse();
    }

    @Test
    void traceNamesProject() throws Exception {
        encoder.setProjectId("lab-project");

        JsonNode line = encode(event(Level.INFO, "x", null), traceMdc());

        assertThat(line.path(CloudLoggingEncoder.TRACE).asText())
                .isEqualTo("projects/lab-project/traces/" + TRACE_ID);
        assertThat(line.path(CloudLoggingEncoder.SPAN_ID).asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(line.path(CloudLoggingEncoder.TRACE_SAMPLED).asBoolean()).isTrue();
    }

    @Test
    void traceWithoutProjectIsBareId() throws Exception {
        encoder.setProjectId(" ");

        JsonNode line = encode(event(Level.INFO, "x", null), traceMdc());

        assertThat(line.path(CloudLoggingEncoder.TRACE).asText()).isEqualTo(TRACE_ID);
    }

    @Test
    void traceKeysStayOutOfLabels() throws Exception {
        JsonNode line = encode(event(Level.INFO, "x", null), traceMdc());

        assertThat(line.has(CloudLoggingEncoder.LABELS)).isFalse();
    }

    @Test
    void exceptionBecomesStackTrace() throws Exception {
        IllegalStateException error = new IllegalStateException("lease lost", new RuntimeException("root cause"));

        JsonNode line = encode(event(Level.ERROR, "Batch failed", error), Map.of());

        String stackTrace = line.path("stack_trace").asText();
        assertThat(stackTrace).startsWith("java.lang.IllegalStateException: lease lost");
        assertThat(stackTrace).contains("\tat dev.orbitar.promptlab.worker.logging.CloudLoggingEncoderTest");
        assertThat(stackTrace).contains("Caused by: java.lang.RuntimeException: root cause");
        assertThat(line.path("message").asText()).isEqualTo("Batch failed");
    }

    @Test
    void eventIsOneLine() {
        LoggingEvent event = event(Level.WARN, "line one\nline two", new IllegalStateException("boom"));
        event.setMDCPropertyMap(Map.of());

        String text = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(text).startsWith("{");
        assertThat(text).endsWith("}\n");
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
    }

    @Test
    void nonAsciiSurvives() throws Exception {
        JsonNode line = encode(event(Level.INFO, "Vorlage \"größer\" ✓", null), Map.of());

        assertThat(line.path("message").asText()).isEqualTo("Vorlage \"größer\" ✓");
    }

    private LoggingEvent event(Level level, String message, Throwable thrown) {
        return new LoggingEvent("test", logger, level, message, thrown, null);
    }

    private JsonNode encode(LoggingEvent event, Map<String, String> mdc) throws Exception {
        event.setMDCPropertyMap(mdc);
        return JSON.readTree(encoder.encode(event));
    }

    private static Map<String, String> traceMdc() {
        return Map.of(TraceContext.MDC_TRACE, TRACE_ID, TraceContext.MDC_SPAN_ID, "00f067aa0ba902b7",
                TraceContext.MDC_TRACE_SAMPLED, "true");
    }
}
