package dev.orbitar.promptlab.worker.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A chat-completions provider on a loopback port that speaks OpenRouter's wire format. Each request's response is
 * chosen by a function of the request body, which a test may replace between batches.
 */
final class FakeOpenRouter implements AutoCloseable {

    /** The model the fake reports as having answered: a dated version, unlike the model id the worker requests. */
    static final String ANSWERING_MODEL = "openai/gpt-4o-mini-2024-07-18";
    static final String COST = "0.000123";
    static final int PROMPT_TOKENS = 412;
    static final int COMPLETION_TOKENS = 187;

    private static final String REFINED_PROMPT = "# Role\\nYou are an experienced editor.\\n"
            + "# Goal\\nProduce the text the user requested.\\n# Context\\nThe user gave a short request.\\n"
            + "# Constraints\\n- Keep every detail the user named.\\n# Output format\\nMarkdown with headings.\\n"
            + "# Quality check\\nConfirm each constraint holds before answering.";

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<String, MockResponse> responder = body -> answer(COST);

    FakeOpenRouter() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                return responder.apply(body);
            }
        });
        server.start();
    }

    /** Returns the base URL to put in OPENROUTER_BASE_URL. */
    String baseUrl() {
        return server.url("/api/v1").toString();
    }

    /** Sets how the fake responds from now on, by request body. */
    void respond(Function<String, MockResponse> responder) {
        this.responder = responder;
    }

    /** Returns every request received so far. */
    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Builds a successful completion with usage; a null cost leaves the cost field out. */
    static MockResponse answer(String cost) {
        String costField = cost == null ? "" : ",\"cost\":" + cost;
        return json(200, """
                {"id":"gen-e2e","provider":"OpenAI","model":"%s","object":"chat.completion","created":1893456000,
                 "choices":[{"index":0,"finish_reason":"stop","native_finish_reason":"stop",
                   "message":{"role":"assistant","content":"%s","refusal":null,"reasoning":null}}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d%s}}
                """.formatted(ANSWERING_MODEL, REFINED_PROMPT, PROMPT_TOKENS, COMPLETION_TOKENS,
                PROMPT_TOKENS + COMPLETION_TOKENS, costField));
    }

    /** Builds an error response in OpenRouter's shape: {@code {"error":{"code":..,"message":..}}}. */
    static MockResponse error(int status, String message) {
        return json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\"}}");
    }

    /** Builds an error response whose headers arrive after a delay, so concurrent calls overlap. */
    static MockResponse slowError(int status, String message, long delayMillis) {
        return error(status, message).newBuilder().headersDelay(delayMillis, TimeUnit.MILLISECONDS).build();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
