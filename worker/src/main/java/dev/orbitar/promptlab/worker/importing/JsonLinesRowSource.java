package dev.orbitar.promptlab.worker.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps JSON Lines to drafts: one JSON object per line, {@code text} required; {@code title}, {@code category},
 * {@code source}, {@code plan}, {@code refinedText}, {@code templateSlug}, {@code templateVersion},
 * {@code difficulty} (strings) and {@code tags} (an array of strings) optional. A field set to null counts as
 * absent, other fields are ignored, and blank lines are skipped.
 */
final class JsonLinesRowSource implements RowSource {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final LineCountingInput input;
    private final int maxLineChars;
    private final StringBuilder line = new StringBuilder();

    JsonLinesRowSource(LineCountingInput input, int maxLineChars) {
        this.input = input;
        this.maxLineChars = maxLineChars;
    }

    @Override
    public RowDraft next() throws IOException {
        while (input.peek() != LineCountingInput.END) {
            long lineNumber = input.line();
            if (!readLine()) {
                return RowDraft.unreadable(lineNumber, "the line is longer than " + maxLineChars + " characters");
            }
            if (!line.toString().isBlank()) {
                return parse(lineNumber);
            }
        }
        return null;
    }

    /** Reads one line into the buffer, without its line break. Returns false when the line is over the limit. */
    private boolean readLine() throws IOException {
        line.setLength(0);
        while (true) {
            int c = input.next();
            if (c == LineCountingInput.END || c == '\n') {
                return true;
            }
            if (c == '\r') {
                if (input.peek() == '\n') {
                    input.next();
                }
                return true;
            }
            if (line.length() == maxLineChars) {
                line.setLength(0);
                input.skipLine();
                return false;
            }
            line.append((char) c);
        }
    }

    private RowDraft parse(long lineNumber) {
        JsonNode row;
        try {
            row = JSON.readTree(line.toString());
        } catch (JsonProcessingException e) {
            String location = e.getLocation() != null ? " at column " + e.getLocation().getColumnNr() : "";
            return RowDraft.unreadable(lineNumber, "invalid JSON" + location + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        if (!row.isObject()) {
            return RowDraft.unreadable(lineNumber, "the line is JSON but not an object; write one object per line");
        }

        try {
            List<String> tags = tagsOrNull(row);
            return new RowDraft(lineNumber, null,
                    stringOrNull(row, "text"),
                    stringOrNull(row, "title"),
                    false,
                    stringOrNull(row, "category"),
                    stringOrNull(row, "source"),
                    stringOrNull(row, "plan"),
                    stringOrNull(row, "refinedText"),
                    stringOrNull(row, "templateSlug"),
                    stringOrNull(row, "templateVersion"),
                    stringOrNull(row, "difficulty"),
                    tags);
        } catch (WrongTypeException e) {
            return RowDraft.unreadable(lineNumber, e.getMessage());
        }
    }

    private static String stringOrNull(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new WrongTypeException("field '" + field + "' is a JSON " + value.getNodeType().name()
                    .toLowerCase(Locale.ROOT) + ", expected a string");
        }
        return value.textValue();
    }

    private static List<String> tagsOrNull(JsonNode row) {
        JsonNode value = row.get("tags");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new WrongTypeException("field 'tags' must be an array of strings");
        }
        List<String> tags = new ArrayList<>(value.size());
        for (JsonNode tag : value) {
            if (!tag.isTextual()) {
                throw new WrongTypeException("field 'tags' must be an array of strings");
            }
            tags.add(tag.textValue());
        }
        return tags;
    }

    /** A field of the wrong JSON type: the row is skipped with this message. */
    private static final class WrongTypeException extends RuntimeException {
        WrongTypeException(String message) {
            super(message);
        }
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
