package dev.orbitar.promptlab.worker.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Writes the leaderboard as a JSON array of {@link LeaderboardRow} objects (each score an object with mean, ciLow,
 * ciHigh and n), or the comparison as one {@link Comparison} object. Missing values are null, never zero.
 */
public final class JsonReport {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private JsonReport() {
    }

    public static String leaderboard(Leaderboard leaderboard) {
        return write(leaderboard.rows());
    }

    public static String comparison(Comparison comparison) {
        return write(comparison);
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Serialising the report as JSON failed: " + e.getOriginalMessage(), e);
        }
    }
}
