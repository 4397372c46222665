package dev.orbitar.promptlab.worker.refining.openrouter;

import static dev.orbitar.promptlab.worker.refining.openrouter.FakeProvider.answer;
import static dev.orbitar.promptlab.worker.refining.openrouter.FakeProvider.completion;
import static dev.orbitar.promptlab.worker.refining.openrouter.FakeProvider.error;
import static dev.orbitar.promptlab.worker.refining.openrouter.FakeProvider.json;
import static dev.orbitar.promptlab.worker.refining.openrouter.FakeProvider.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.refining.RefineFailure;
import dev.orbitar.promptlab.worker.refining.RefineRequest;
import dev.orbitar.promptlab.worker.refining.Refinement;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenRouterEngineTest {

    private static final String API_KEY = "sk-or-v1-0123456789abcdef-test-secret";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PromptTemplate TEMPLATE = new PromptTemplate(
            "coding_feature_default", "1.0.0", "coding", "ga",
            "a senior software engineer", "describe one feature so a model can implement it",
            List.of("a unified diff", "a short test plan"), List.of("compiles", "no new dependencies"));

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();
    private final Map<String, String> environment = new HashMap<>();
    private LogCapture logs;
    private OpenRouterClient client;

    @BeforeEach
    void startServer() throws Exception {
        server.start();
        logs = new LogCapture();
        environment.put("OPENROUTER_API_KEY", API_KEY);
        environment.put("OPENROUTER_BASE_URL", server.url("/api/v1").toString());
        environment.put("LAB_MAX_ATTEMPTS", "3");
        environment.put("LAB_RETRY_MAX_SECONDS", "30");
        environment.put("LAB_CONNECT_TIMEOUT_SECONDS", "2");
        environment.put("LAB_READ_TIMEOUT_SECONDS", "2");
        environment.put("LAB_CALL_TIMEOUT_SECONDS", "5");
    }

    @AfterEach
    void checkLogsAndStop() {
        List<String> lines = logs.lines();
        logs.close();
        if (client != null) {
            client.close();
        }
        server.close();
        for (String line : lines) {
            assertThat(line).doesNotContain(API_KEY);
        }
    }

    private OpenRouterEngine engine() {
        OpenRouterSettings settings = OpenRouterSettingsLoader.load(environment).orElseThrow();
        return engine(settings);
    }

    private OpenRouterEngine engine(OpenRouterSettings settings) {
        // A jitter of 0.5 makes the first backoff exactly 500 ms, distinct from any Retry-After in seconds.
        RetryPolicy policy = new RetryPolicy(settings.maxAttempts(), settings.retryMaxWait(), Duration.ofSeconds(1),
                Duration.ofSeconds(30), () -> 0.5);
        client = new OpenRouterClient(settings, policy, time);
        return new OpenRouterEngine(client);
    }

    private static RefineRequest request(String category, String text) {
        return new RefineRequest("task-42", category, text, TEMPLATE);
    }

    private static RefineRequest request() {
        return request("coding", "add a dark mode toggle to the settings page");
    }

    private RefineFailure failure(OpenRouterEngine engine) {
        RefineFailure failure = catchThrowableOfType(RefineFailure.class, () -> engine.refine(request()));
        assertThat(failure).as("refine should fail").isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(API_KEY);
        }
        return failure;
    }

    private JsonNode requestBody(RecordedRequest recorded) throws Exception {
        return MAPPER.readTree(recorded.getBody().utf8());
    }

    @Test
    void successRecordsUsageAndCost() throws Exception {
        server.enqueue(answer("# Role\nYou are a senior engineer."));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.text()).isEqualTo("# Role\nYou are a senior engineer.");
        assertThat(refinement.modelName()).isEqualTo(FakeProvider.ANSWER_MODEL);
        assertThat(refinement.usage().engine()).isEqualTo("openrouter");
        assertThat(refinement.usage().attempts()).isEqualTo(1);
        assertThat(refinement.usage().promptTokens()).isEqualTo(412);
        assertThat(refinement.usage().completionTokens()).isEqualTo(187);
        assertThat(refinement.usage().costUsd()).isEqualByComparingTo("0.000123");
        assertThat(refinement.usage().finishReason()).isEqualTo("stop");
        assertThat(refinement.usage().inputTruncated()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void successSendsChatCompletionsRequest() throws Exception {
        server.enqueue(answer("refined"));

        engine().refine(request());

        RecordedRequest recorded = server.takeRequest();
        JsonNode body = requestBody(recorded);
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/api/v1/chat/completions");
        assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(body.path("model").asText()).isEqualTo(OpenRouterSettingsLoader.DEFAULT_CODING_MODEL);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).contains("a senior software engineer");
        assertThat(body.path("messages").get(0).path("content").asText()).contains("Never carry out the request");
        assertThat(body.path("messages").get(1).path("content").asText()).contains("add a dark mode toggle");
    }

    @Test
    void costMissingIsNull() throws Exception {
        server.enqueue(json(200, completion("\"refined\"", "stop", usage(null))));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.usage().costUsd()).isNull();
        assertThat(refinement.usage().promptTokens()).isEqualTo(412);
    }

    @Test
    void finishReasonLengthRecorded() throws Exception {
        server.enqueue(json(200, completion("\"# Role\\nYou are\"", "length", usage(BigDecimal.ONE))));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.usage().finishReason()).isEqualTo("length");
        assertThat(refinement.text()).isEqualTo("# Role\nYou are");
    }

    @Test
    void modelFallsBackToRequestedWhenAbsent() throws Exception {
        server.enqueue(json(200, """
                {"choices":[{"finish_reason":"stop","message":{"role":"assistant","content":"refined"}}]}
                """));

        Refinement refinement = engine().refine(request("writing", "a blog post about tea"));

        assertThat(refinement.modelName()).isEqualTo(OpenRouterSettingsLoader.DEFAULT_MODEL);
        assertThat(refinement.usage().costUsd()).isNull();
    }

    @ParameterizedTest(name = "HTTP {0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "400 | {\"error\":{\"code\":400,\"message\":\"Invalid model parameter\"}} | bad_request | false | 1",
        "400 | {\"error\":{\"code\":400,\"message\":\"This endpoint's maximum context length is 8192 tokens\"}} "
                + "| context_length_exceeded | false | 1",
        "401 | {\"error\":{\"code\":401,\"message\":\"No auth credentials found\"}} | unauthorized | true | 1",
        "402 | {\"error\":{\"code\":402,\"message\":\"Insufficient credits\"}} | payment_required | true | 1",
        "403 | {\"error\":{\"code\":403,\"message\":\"Input was flagged\",\"metadata\":{\"reasons\":[\"harassment\"],"
                + "\"flagged_input\":\"...\",\"provider_name\":\"OpenAI\",\"model_slug\":\"openai/gpt-4o\"}}} "
                + "| moderation_flagged | false | 1",
        "403 | {\"error\":{\"code\":403,\"message\":\"Key not allowed for this model\"}} | forbidden | false | 1",
        "404 | {\"error\":{\"code\":404,\"message\":\"No endpoints found for foo/bar\"}} | model_not_found | false | 1",
        "408 | {\"error\":{\"code\":408,\"message\":\"Request timed out\"}} | timeout | false | 3",
        "429 | {\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}} | rate_limited | false | 3",
        "500 | {\"error\":{\"code\":500,\"message\":\"Internal Server Error\"}} | provider_error | false | 3",
        "502 | {\"error\":{\"code\":502,\"message\":\"Provider returned error\"}} | provider_error | false | 3",
        "503 | {\"error\":{\"code\":503,\"message\":\"No allowed providers are available\"}} "
                + "| provider_unavailable | false | 3",
        "504 | {\"error\":{\"code\":504,\"message\":\"Gateway timeout\"}} | timeout | false | 3",
    })
    void statusClassified(int status, String body, String code, boolean stopsBatch, int attempts) {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(status, body));
        }

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.stopsBatch()).isEqualTo(stopsBatch);
        assertThat(server.getRequestCount()).isEqualTo(attempts);
        assertThat(failure.usage().attempts()).isEqualTo(attempts);
    }

    @ParameterizedTest(name = "HTTP {0} then success")
    @CsvSource({"408", "429", "500", "502", "503", "504"})
    void transientStatusRetried(int status) throws Exception {
        server.enqueue(json(status, error(status, "try again")));
        server.enqueue(answer("refined"));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.text()).isEqualTo("refined");
        assertThat(refinement.usage().attempts()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void retriesBoundedByWaitBudget() {
        environment.put("LAB_MAX_ATTEMPTS", "10");
        environment.put("LAB_RETRY_MAX_SECONDS", "3");
        for (int i = 0; i < 10; i++) {
            server.enqueue(json(503, error(503, "busy")));
        }

        RefineFailure failure = failure(engine());

        // Backoffs with jitter 0.5 are 0.5 s, 1 s, 2 s: the third would take the total past 3 s.
        assertThat(failure.code()).isEqualTo("provider_unavailable");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void errorInSuccessWithoutChoicesRetried() throws Exception {
        server.enqueue(json(200, error(429, "Rate limit exceeded upstream")));
        server.enqueue(answer("refined"));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.usage().attempts()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void errorInSuccessWithChoicesClassifiedByCode() {
        server.enqueue(json(200, """
                {"id":"gen-2","model":"openai/gpt-4o-mini","choices":[{"index":0,"finish_reason":null,
                 "message":{"role":"assistant","content":""}}],
                 "error":{"code":401,"message":"User not found."}}
                """));

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("unauthorized");
        assertThat(failure.stopsBatch()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void choiceErrorRetriedLikeItsCode() throws Exception {
        server.enqueue(json(200, """
                {"id":"gen-3","model":"anthropic/claude-3.5-haiku","choices":[{"index":0,"finish_reason":"error",
                 "native_finish_reason":"error","message":{"role":"assistant","content":"partial"},
                 "error":{"code":502,"message":"Upstream provider dropped the stream","metadata":{"provider_name":"X"}}}],
                 "usage":{"prompt_tokens":400,"completion_tokens":3,"cost":0.0001}}
                """));
        server.enqueue(answer("refined"));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.text()).isEqualTo("refined");
        assertThat(refinement.usage().attempts()).isEqualTo(2);
        // The failed attempt was billed too, so its cost counts toward the budget.
        assertThat(refinement.usage().costUsd()).isEqualByComparingTo("0.000223");
    }

    @Test
    void choiceErrorWithContextLengthNotRetried() {
        server.enqueue(json(200, """
                {"choices":[{"index":0,"finish_reason":"error","message":{"role":"assistant","content":null},
                 "error":{"code":400,"message":"maximum context length exceeded"}}]}
                """));

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("context_length_exceeded");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void finishReasonErrorWithoutObjectRetried() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(200, completion("null", "error", usage(null))));
        }

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("provider_error");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void nullContentRetriedThenSucceeds() throws Exception {
        server.enqueue(json(200, completion("null", "stop", usage(new BigDecimal("0.00001")))));
        server.enqueue(answer("refined"));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.text()).isEqualTo("refined");
        assertThat(refinement.usage().attempts()).isEqualTo(2);
    }

    @Test
    void nullContentExhaustsToEmptyOutput() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(200, completion("null", "stop", usage(new BigDecimal("0.00001")))));
        }

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("empty_output");
        assertThat(failure.stopsBatch()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(failure.usage().costUsd()).isEqualByComparingTo("0.00003");
    }

    @Test
    void emptyContentExhaustsToEmptyOutput() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(200, completion("\"  \\n \"", "stop", usage(null))));
        }

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("empty_output");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(failure.usage().costUsd()).isNull();
    }

    @Test
    void reasoningOnlyIsEmptyOutput() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(200, """
                    {"model":"deepseek/deepseek-r1","choices":[{"finish_reason":"length","message":{"role":"assistant",
                     "content":null,"reasoning":"The user wants a prompt. First I will think about roles..."}}]}
                    """));
        }

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("empty_output");
        assertThat(failure.getMessage()).doesNotContain("think about roles");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void thinkBlockNeverStored() throws Exception {
        server.enqueue(json(200, completion(
                "\"<think>I should plan the sections first.</think>\\n# Role\\nYou are an editor.\"", "stop",
                usage(null))));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.text()).isEqualTo("# Role\nYou are an editor.");
    }

    @Test
    void unclosedThinkBlockIsEmptyOutput() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(200, completion("\"<think>Let me consider the user's\"", "length", usage(null))));
        }

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("empty_output");
    }

    @Test
    void contentPartsJoinedWithoutReasoning() throws Exception {
        server.enqueue(json(200, completion(
                "[{\"type\":\"reasoning\",\"text\":\"hidden\"},{\"type\":\"text\",\"text\":\"# Role\"}]", "stop",
                usage(null))));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.text()).isEqualTo("# Role");
    }

    @Test
    void truncatedJsonRetriedAsInvalidResponse() {
        String whole = completion("\"refined\"", "stop", usage(BigDecimal.ONE));
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(200, whole.substring(0, whole.length() / 2)));
        }

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("invalid_response");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void bodyCutShortOnWireRetried() throws Exception {
        // The server closes the socket partway through the body, so fewer bytes arrive than Content-Length declares.
        server.enqueue(answer("refined").newBuilder()
                .onResponseBody(new SocketEffect.CloseSocket(true, true, true))
                .build());
        server.enqueue(answer("refined"));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.text()).isEqualTo("refined");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void htmlBodyWithSuccessRetried() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                    .body("<!DOCTYPE html><html><body><h1>Just a moment...</h1></body></html>").build());
        }

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("invalid_response");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void htmlBodyWithBadGatewayRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                .body("<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>").build());
        server.enqueue(answer("refined"));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.usage().attempts()).isEqualTo(2);
    }

    @Test
    void keyCutBySnippetRedacted() {
        environment.put("LAB_MAX_ATTEMPTS", "1");
        // The failure message keeps the first 300 characters of a body, which here ends inside the echoed key.
        String echoed = "<html>" + "x".repeat(280) + API_KEY + "</html>";
        server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html").body(echoed)
                .build());

        RefineFailure failure = failure(engine());

        assertThat(failure.getMessage()).doesNotContain(API_KEY.substring(0, 12));
    }

    @Test
    void oversizedBodyRejected() {
        environment.put("LAB_MAX_ATTEMPTS", "1");
        String padding = " ".repeat((int) OpenRouterClient.MAX_BODY_BYTES);
        server.enqueue(json(200, completion("\"refined\"", "stop", usage(null)) + padding));

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("invalid_response");
        assertThat(failure.getMessage()).contains("body over 4194304 bytes");
    }

    @Test
    void droppedConnectionRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, true, true))
                .build());
        server.enqueue(answer("refined"));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.text()).isEqualTo("refined");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void droppedConnectionsExhaustToConnectionFailed() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder()
                    .onResponseStart(new SocketEffect.CloseSocket(true, true, true)).build());
        }

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("connection_failed");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void headersAfterReadTimeoutRetried() throws Exception {
        environment.put("LAB_READ_TIMEOUT_SECONDS", "0.2");
        server.enqueue(answer("too late").newBuilder().headersDelay(1, TimeUnit.SECONDS)
                .build());
        server.enqueue(answer("refined"));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.text()).isEqualTo("refined");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void readTimeoutsExhaustToTimeout() {
        environment.put("LAB_READ_TIMEOUT_SECONDS", "0.2");
        for (int i = 0; i < 3; i++) {
            server.enqueue(answer("too late").newBuilder()
                    .headersDelay(1, TimeUnit.SECONDS).build());
        }

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("timeout");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void callTimeoutCapsSlowBody() {
        environment.put("LAB_MAX_ATTEMPTS", "1");
        environment.put("LAB_CONNECT_TIMEOUT_SECONDS", "0.2");
        environment.put("LAB_CALL_TIMEOUT_SECONDS", "0.3");
        server.enqueue(answer("slow").newBuilder().bodyDelay(2, TimeUnit.SECONDS).build());

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("timeout");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "Retry-After {0}")
    @CsvSource({
        "2, PT2S",
        "0, PT0S",
        "1.5, PT0.5S",
        "-3, PT0.5S",
        "soon, PT0.5S",
        "'', PT0.5S",
    })
    void retryAfterHonouredOrIgnored(String header, Duration expectedWait) throws Exception {
        server.enqueue(json(429, error(429, "Rate limit exceeded")).newBuilder()
                .setHeader("Retry-After", header).build());
        server.enqueue(answer("refined"));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.usage().attempts()).isEqualTo(2);
        assertThat(time.sleeps()).containsExactly(expectedWait);
    }

    @Test
    void retryAfterHttpDateHonoured() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                FakeTime.START.plusSeconds(7).atOffset(ZoneOffset.UTC));
        server.enqueue(json(503, error(503, "busy")).newBuilder().setHeader("Retry-After", date).build());
        server.enqueue(answer("refined"));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.usage().attempts()).isEqualTo(2);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void quotaMessageStopsBatch() {
        server.enqueue(json(429, """
                {"error":{"code":429,"message":"Rate limit exceeded: free-models-per-day. Add 10 credits to unlock \
                1000 free model requests per day","metadata":{"headers":{"X-RateLimit-Limit":"50",\
                "X-RateLimit-Remaining":"0","X-RateLimit-Reset":"1893542400000"}}}}
                """));

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("quota_exhausted");
        assertThat(failure.stopsBatch()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void retryAfterBeyondCapIsQuota() {
        server.enqueue(json(429, error(429, "Rate limit exceeded")).newBuilder()
                .setHeader("Retry-After", "86400").build());

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("quota_exhausted");
        assertThat(failure.stopsBatch()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void rateLimitResetBeyondCapIsQuota() {
        long resetMillis = FakeTime.START.plus(Duration.ofHours(9)).toEpochMilli();
        server.enqueue(json(429, error(429, "Rate limit exceeded")).newBuilder()
                .setHeader("X-RateLimit-Remaining", "0")
                .setHeader("X-RateLimit-Reset", String.valueOf(resetMillis))
                .build());

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("quota_exhausted");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void paymentRequiredWithRetryAfterRetried() throws Exception {
        server.enqueue(json(402, error(402, "Insufficient credits")).newBuilder()
                .setHeader("Retry-After", "1").build());
        server.enqueue(answer("refined"));

        Refinement refinement = engine().refine(request());

        assertThat(refinement.usage().attempts()).isEqualTo(2);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void paymentRequiredRetryAfterBeyondCapStops() {
        server.enqueue(json(402, error(402, "Insufficient credits")).newBuilder()
                .setHeader("Retry-After", "3600").build());

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("payment_required");
        assertThat(failure.stopsBatch()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void echoedKeyRedactedFromFailure() {
        // A misbehaving gateway that echoes the Authorization header back in its error message.
        server.enqueue(json(401, error(401, "Invalid token Bearer " + API_KEY)));

        RefineFailure failure = failure(engine());

        assertThat(failure.code()).isEqualTo("unauthorized");
        assertThat(failure.getMessage()).contains("Bearer ****");
    }

    @Test
    void otherHostGetsNoOpenRouterFields() throws Exception {
        environment.put("OPENROUTER_APP_URL", "https://example.com/prompt-lab");
        environment.put("OPENROUTER_FALLBACK_MODELS", "anthropic/claude-3.5-haiku");
        environment.put("OPENROUTER_PROVIDER_SORT", "price");
        server.enqueue(answer("refined"));

        engine().refine(request());

        RecordedRequest recorded = server.takeRequest();
        JsonNode body = requestBody(recorded);
        assertThat(recorded.getHeaders().get("HTTP-Referer")).isNull();
        assertThat(recorded.getHeaders().get("X-Title")).isNull();
        assertThat(recorded.getHeaders().get("X-OpenRouter-Title")).isNull();
        assertThat(body.has("models")).isFalse();
        assertThat(body.has("provider")).isFalse();
        assertThat(body.has("usage")).isFalse();
    }

    @Test
    void openRouterGetsItsFields() throws Exception {
        environment.put("OPENROUTER_APP_URL", "https://example.com/prompt-lab");
        environment.put("OPENROUTER_FALLBACK_MODELS", "anthropic/claude-3.5-haiku");
        environment.put("OPENROUTER_PROVIDER_SORT", "price");
        OpenRouterSettings settings = OpenRouterSettingsLoader.load(environment).orElseThrow()
                .withOpenRouterExtensions(true);
        server.enqueue(answer("refined"));

        engine(settings).refine(request("writing", "a blog post about tea"));

        RecordedRequest recorded = server.takeRequest();
        JsonNode body = requestBody(recorded);
        assertThat(recorded.getHeaders().get("HTTP-Referer")).isEqualTo("https://example.com/prompt-lab");
        assertThat(recorded.getHeaders().get("X-Title")).isEqualTo("Prompt Lab");
        assertThat(recorded.getHeaders().get("X-OpenRouter-Title")).isEqualTo("Prompt Lab");
        assertThat(body.path("models").toString())
                .isEqualTo("[\"openai/gpt-4o-mini\",\"anthropic/claude-3.5-haiku\"]");
        assertThat(body.path("provider").path("sort").asText()).isEqualTo("price");
        assertThat(body.path("usage").path("include").asBoolean()).isTrue();
    }

    @Test
    void inputCappedAndRecorded() throws Exception {
        environment.put("LAB_MAX_INPUT_CHARS", "10");
        server.enqueue(answer("refined"));

        Refinement refinement = engine().refine(request("general", "0123456789ABCDEF"));

        String user = requestBody(server.takeRequest()).path("messages").get(1).path("content").asText();
        assertThat(refinement.usage().inputChars()).isEqualTo(10);
        assertThat(refinement.usage().inputTruncated()).isTrue();
        assertThat(user).contains("<request>\n0123456789\n</request>");
        assertThat(user).doesNotContain("ABCDEF");
    }

    @Test
    void modelOverrideWinsOverRoute() throws Exception {
        environment.put("LAB_MODEL_NAME", "meta-llama/llama-3.1-8b-instruct");
        server.enqueue(answer("refined"));

        engine().refine(request());

        assertThat(requestBody(server.takeRequest()).path("model").asText())
                .isEqualTo("meta-llama/llama-3.1-8b-instruct");
    }

    @Test
    void concurrentCallsAllServed() throws Exception {
        for (int i = 0; i < 64; i++) {
            server.enqueue(answer("refined " + i));
        }
        OpenRouterEngine engine = engine();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Refinement>> futures = new ArrayList<>();

        try {
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> engine.refine(request())));
            }
            Set<String> texts = new HashSet<>();
            for (Future<Refinement> future : futures) {
                texts.add(future.get(30, TimeUnit.SECONDS).text());
            }

            assertThat(texts).hasSize(64);
            assertThat(server.getRequestCount()).isEqualTo(64);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requestsPerMinuteSpacesAttempts() throws Exception {
        environment.put("LAB_REQUESTS_PER_MINUTE", "30");
        server.enqueue(answer("one"));
        server.enqueue(answer("two"));
        OpenRouterEngine engine = engine();

        engine.refine(request());
        engine.refine(request());

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
    }
}
