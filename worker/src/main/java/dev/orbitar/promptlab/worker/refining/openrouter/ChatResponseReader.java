package dev.orbitar.promptlab.worker.refining.openrouter;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.refining.openrouter.ChatResponse.AttemptUsage;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads a chat-completions response body in OpenAI's format with OpenRouter's additions: {@code usage.cost},
 * error objects inside 200 responses, and reasoning fields that are never taken as the output.
 */
public final class ChatResponseReader {

    // Some providers put a model's reasoning inside content, wrapped in think tags, before the output.
    private static final Pattern LEADING_REASONING =
            Pattern.compile("^\\s*<(think|thinking)>.*?</\\1>\\s*", Pattern.DOTALL);
    private static final Pattern UNCLOSED_REASONING = Pattern.compile("^\\s*<(think|thinking)>", Pattern.DOTALL);
    private static final int MAX_SNIPPET = 300;

    private final ObjectMapper mapper;

    public ChatResponseReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Reads the body of a 2xx response. */
    public ChatResponse readSuccess(String body) {
        JsonNode root = parse(body);
        if (root == null || !root.isObject()) {
            return new ChatResponse.Unreadable("body is not a JSON object: " + snippet(body));
        }
        AttemptUsage usage = usage(root.path("usage"));

        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            return providerError(error, usage);
        }

        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            return new ChatResponse.Unreadable("response has no choices: " + snippet(body));
        }
        JsonNode choice = choices.get(0);
        String finishReason = text(choice.get("finish_reason"));
        JsonNode choiceError = choice.get("error");
        if (choiceError != null && !choiceError.isNull()) {
            return providerError(choiceError, usage);
        }
        if ("error".equals(finishReason)) {
            return new ChatResponse.ProviderError(null, "finish_reason error without an error object",
                    "finish_reason error", usage);
        }

        String model = text(root.get("model"));
        String content = withoutReasoning(content(choice.path("message").get("content")));
        if (content == null || content.isBlank()) {
            return new ChatResponse.EmptyAnswer(model, finishReason, usage);
        }
        return new ChatResponse.Answer(content.strip(), model, finishReason, usage);
    }

    /** Reads the body of an error status: an error object when it is one, otherwise a description of the body. */
    public ChatResponse.ProviderError readError(int status, String body) {
        JsonNode root = parse(body);
        if (root != null && root.isObject() && root.hasNonNull("error")) {
            ChatResponse.ProviderError error = providerError(root.get("error"), AttemptUsage.NONE);
            return new ChatResponse.ProviderError(status, error.message(), error.detail(), error.usage());
        }
        String description = "HTTP " + status + " with a non-JSON body: " + snippet(body);
        return new ChatResponse.ProviderError(status, description, body == null ? "" : body, AttemptUsage.NONE);
    }

    private ChatResponse.ProviderError providerError(JsonNode error, AttemptUsage usage) {
        if (error.isTextual()) {
            return new ChatResponse.ProviderError(null, snippet(error.asText()), error.asText(), usage);
        }
        Integer code = null;
        JsonNode codeNode = error.get("code");
        if (codeNode != null && codeNode.canConvertToInt()) {
            code = codeNode.asInt();
        } else if (codeNode != null && codeNode.isTextual() && codeNode.asText().matches("\\d{3}")) {
            code = Integer.parseInt(codeNode.asText());
        }
        String message = text(error.get("message"));
        JsonNode metadata = error.get("metadata");
        String detail = (message == null ? "" : message) + " " + (codeNode == null ? "" : codeNode.asText())
                + " " + (metadata == null ? "" : metadata.toString());
        return new ChatResponse.ProviderError(code, snippet(message == null ? error.toString() : message),
                detail, usage);
    }

    private static String content(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            // Content parts: only parts of type text are the output; reasoning parts are dropped.
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                    text.append(part.path("text").asText());
                }
            }
            return text.toString();
        }
        return null;
    }

    private static String withoutReasoning(String content) {
        if (content == null) {
            return null;
        }
        String stripped = LEADING_REASONING.matcher(content).replaceFirst("");
        // An unclosed think block means the output stopped inside the reasoning: there is no answer.
        if (UNCLOSED_REASONING.matcher(stripped).find()) {
            return "";
        }
        return stripped;
    }

    private static AttemptUsage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return AttemptUsage.NONE;
        }
        return new AttemptUsage(count(usage.get("prompt_tokens")), count(usage.get("completion_tokens")),
                cost(usage.get("cost")));
    }

    private static Integer count(JsonNode node) {
        if (node == null || !node.canConvertToInt() || node.asInt() < 0) {
            return null;
        }
        return node.asInt();
    }

    private static BigDecimal cost(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        BigDecimal cost = node.decimalValue();
        return cost.signum() < 0 ? null : cost;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** Returns the start of a body on one line, for messages. */
    static String snippet(String body) {
        if (body == null) {
            return "(empty)";
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return "(empty)";
        }
        return oneLine.length() <= MAX_SNIPPET ? oneLine : oneLine.substring(0, MAX_SNIPPET) + "...";
    }
}
