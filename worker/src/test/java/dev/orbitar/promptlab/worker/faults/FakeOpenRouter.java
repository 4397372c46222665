package dev.orbitar.promptlab.worker.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fake OpenRouter on a loopback port that returns the same refined prompt for every chat completion. It can
 * respond at once, after a delay, or hold every response until {@link #release()} (a provider that hangs), and it
 * can reject calls with HTTP 402 after a number of completions (credit ran out).
 */
final class FakeOpenRouter implements AutoCloseable {

    /** A recognisable key: no line a worker prints may contain it. */
    static final String API_KEY = "sk-or-v1-faults-5e1f0c2d9a7b4e3f8c6d1a0b";

    // Bounds how long a held response waits, so that no connection thread outlives the test by much.
    private static final long MAX_HOLD_SECONDS = 120;

    private static final String REFINED_PROMPT = """
            # Role
            You are a senior front-end engineer.

            # Task
            Add a theme option to the settings page and store the choice per account.

            # Constraints
            - Keep the existing settings layout.
            - Add no new dependencies.

            # Output format
            A unified diff, then a short test plan.
            """;

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger completed = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile long delayMillis;
    private volatile boolean holding;
    private volatile int completionsBeforeRejection = -1;

    FakeOpenRouter() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return respond();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Fake OpenRouter did not start", e);
        }
    }

    /** Returns OPENROUTER_BASE_URL for the workers. */
    String baseUrl() {
        return server.url("/api/v1").toString();
    }

    /** Delays every response from now on. */
    void delayResponses(long millis) {
        delayMillis = millis;
    }

    /** Holds every response from now on until {@link #release()}. */
    void holdResponses() {
        holding = true;
    }

    /** Sends the held responses and responds at once from now on. */
    void release() {
        holding = false;
        delayMillis = 0;
        released.countDown();
    }

    /** Rejects every call after {@code completions} completed ones with 402, as OpenRouter does without credit. */
    void rejectAfter(int completions) {
        completionsBeforeRejection = completions;
    }

    @Override
    public void close() {
        release();
        server.close();
    }

    private MockResponse respond() throws InterruptedException {
        if (holding) {
            released.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
        } else if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }

        int limit = completionsBeforeRejection;
        if (limit >= 0 && completed.get() >= limit) {
            return json(402, "{\"error\":{\"code\":402,\"message\":\"Insufficient credits\"}}");
        }
        completed.incrementAndGet();
        return json(200, completion());
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static String completion() {
        String content = "\"" + REFINED_PROMPT.replace("\n", "\\n") + "\"";
        return """
                {"id":"gen-faults","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion",
                 "created":1893456000,
                 "choices":[{"index":0,"finish_reason":"stop",
                   "message":{"role":"assistant","content":%s}}],
                 "usage":{"prompt_tokens":400,"completion_tokens":120,"total_tokens":520,"cost":0.0001}}
                """.formatted(content);
    }
}
