package dev.orbitar.promptlab.worker.refining.openrouter;

import java.math.BigDecimal;
import mockwebserver3.MockResponse;

/** Response bodies in OpenRouter's chat-completions wire format. */
final class FakeProvider {

    static final String ANSWER_MODEL = "openai/gpt-4o-mini-2024-07-18";

    private FakeProvider() {
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    static MockResponse answer(String content) {
        return json(200, completion(quoted(content), "stop", usage(new BigDecimal("0.000123"))));
    }

    /** Builds a completion body whose content is the given JSON value (a quoted string, null, or an array). */
    static String completion(String contentJson, String finishReason, String usageJson) {
        return """
                {"id":"gen-1","provider":"OpenAI","model":"%s","object":"chat.completion","created":1893456000,
                 "choices":[{"index":0,"logprobs":null,"finish_reason":"%s","native_finish_reason":"%s",
                   "message":{"role":"assistant","content":%s,"refusal":null,"reasoning":null}}],
                 "usage":%s}
                """.formatted(ANSWER_MODEL, finishReason, finishReason, contentJson, usageJson);
    }

    static String usage(BigDecimal cost) {
        String costField = cost == null ? "" : ",\"cost\":" + cost.toPlainString();
        return "{\"prompt_tokens\":412,\"completion_tokens\":187,\"total_tokens\":599" + costField + "}";
    }

    static String error(int code, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
