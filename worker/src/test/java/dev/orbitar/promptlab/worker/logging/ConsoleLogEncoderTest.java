package dev.orbitar.promptlab.worker.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleLogEncoderTest {

    private final LoggerContext context = new LoggerContext();

    @Test
    void textUsesPattern() {
        ConsoleLogEncoder encoder = started("text");

        String line = new String(encoder.encode(event()), StandardCharsets.UTF_8);

        assertThat(line).isEqualTo("INFO [PromptLabCron] Completed Lab batch\n");
    }

    @Test
    void jsonUsesCloudLogging() throws Exception {
        ConsoleLogEncoder encoder = started("json");

        byte[] line = encoder.encode(event());

        assertThat(new ObjectMapper().readTree(line).path("severity").asText()).isEqualTo("INFO");
        assertThat(encoder.format()).isEqualTo(LogFormat.JSON);
    }

    private ConsoleLogEncoder started(String format) {
        ConsoleLogEncoder encoder = new ConsoleLogEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n");
        encoder.setFormat(format);
        encoder.start();
        return encoder;
    }

    private LoggingEvent event() {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("PromptLabCron"), Level.INFO,
                "[PromptLabCron] Completed Lab batch", null, null);
        event.setMDCPropertyMap(Map.of());
        return event;
    }
}
