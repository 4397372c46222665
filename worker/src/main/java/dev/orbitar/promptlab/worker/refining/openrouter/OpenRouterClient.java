package dev.orbitar.promptlab.worker.refining.openrouter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbitar.promptlab.worker.refining.openrouter.ChatResponse.AttemptUsage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends chat-completions requests to OpenRouter or any OpenAI-compatible server, applying the one retry policy,
 * the shared requests-per-minute limit and the timeouts. Thread-safe: one client serves every worker thread, the
 * refine engine and the judge.
 */
public final class OpenRouterClient implements AutoCloseable {

    /** The shortest leading part of the API key that {@link #redact} removes from provider text. */
    private static final int MIN_REDACTED_PREFIX = 12;

    private static final Logger log = LoggerFactory.getLogger(OpenRouterClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String REDACTED = "****";
    // A completion of 200,000 tokens is under 1 MiB of JSON; a larger body is a proxy's error page or worse.
    static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

    private final OpenRouterSettings settings;
    private final HttpUrl endpoint;
    private final OkHttpClient http;
    private final RetryPolicy retryPolicy;
    private final RequestRateLimiter rateLimiter;
    private final TimeSource time;
    private final ObjectMapper mapper;
    private final ChatResponseReader reader;

    public OpenRouterClient(OpenRouterSettings settings, RetryPolicy retryPolicy, TimeSource time) {
        this.settings = settings;
        this.endpoint = settings.baseUrl().newBuilder().addPathSegments("chat/completions").build();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                // RetryPolicy is the only retry layer, so each attempt it counts is one request sent.
                .retryOnConnectionFailure(false)
                // NOTE: 32 idle connections is a guess at the largest LAB_CONCURRENCY in use. Above it, calls
                // still work, but the extra connections are closed after each call instead of being reused.
                .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES))
                .build();
        this.retryPolicy = retryPolicy;
        this.rateLimiter = settings.requestsPerMinute() == null
                ? null : new RequestRateLimiter(settings.requestsPerMinute(), time);
        this.time = time;
        this.mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.reader = new ChatResponseReader(mapper);
    }

    /** Builds a client with the settings' retry policy and the system clock. */
    public static OpenRouterClient create(OpenRouterSettings settings) {
        return new OpenRouterClient(settings, RetryPolicy.from(settings), TimeSource.SYSTEM);
    }

    public OpenRouterSettings settings() {
        return settings;
    }

    /**
     * Sends one chat-completions request, retrying transient failures within the retry policy.
     *
     * @throws ChatFailure when no attempt produced text; its code gives the reason
     */
    public ChatResult complete(ChatRequest request) throws ChatFailure {
        long startedNanos = time.nanoTime();
        Request httpRequest = httpRequest(request);
        UsageTally tally = new UsageTally();
        Duration waited = Duration.ZERO;

        for (int attempt = 1; ; attempt++) {
            acquirePermit(request, tally, attempt - 1, startedNanos);

            Attempt outcome = send(httpRequest, request.model());
            tally.add(outcome.usage());
            if (outcome.answer() != null) {
                ChatResponse.Answer answer = outcome.answer();
                String model = answer.model() == null || answer.model().isBlank() ? request.model() : answer.model();
                return new ChatResult(answer.content(), model, answer.finishReason(),
                        tally.toUsage(attempt, elapsedMillis(startedNanos)));
            }

            Classification classification = outcome.classification();
            if (!classification.retryable()) {
                throw giveUp(request, classification.code(), classification.stopsBatch(), outcome, tally, attempt,
                        startedNanos);
            }
            RetryPolicy.Decision decision = retryPolicy.next(attempt, waited, outcome.retryAfter());
            if (!decision.retry()) {
                throw giveUpAfterRetries(request, classification, decision.giveUpReason(), outcome, tally, attempt,
                        startedNanos);
            }

            log.warn("Retrying {} of task {} with model {}: attempt {} of {} failed with {}: {}; waiting {} ms",
                    request.purpose(), request.subjectId(), request.model(), attempt, retryPolicy.maxAttempts(),
                    classification.code(), redact(outcome.detail()), decision.delay().toMillis());
            sleep(decision.delay(), request, tally, attempt, startedNanos);
            waited = waited.plus(decision.delay());
        }
    }

    private Request httpRequest(ChatRequest request) {
        Request.Builder builder = new Request.Builder()
                .url(endpoint)
                .header("Authorization", "Bearer " + settings.apiKey().reveal())
                .header("Accept", "application/json")
                .post(RequestBody.create(requestJson(request), JSON));
        if (settings.openRouterExtensions()) {
            if (settings.appUrl() != null) {
                builder.header("HTTP-Referer", settings.appUrl());
            }
            if (settings.appTitle() != null) {
                // X-Title is the older name; OpenRouter reads both.
                builder.header("X-Title", settings.appTitle());
                builder.header("X-OpenRouter-Title", settings.appTitle());
            }
        }
        return builder.build();
    }

    private String requestJson(ChatRequest request) {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.system());
        messages.addObject().put("role", "user").put("content", request.user());
        body.put("max_tokens", request.maxTokens());
        body.put("temperature", request.temperature());

        if (settings.openRouterExtensions()) {
            if (!settings.fallbackModels().isEmpty()) {
                ArrayNode models = body.putArray("models");
                models.add(request.model());
                settings.fallbackModels().stream().filter(m -> !m.equals(request.model())).forEach(models::add);
            }
            if (settings.providerSort() != null || settings.dataCollection() != null) {
                ObjectNode provider = body.putObject("provider");
                if (settings.providerSort() != null) {
                    provider.put("sort", settings.providerSort());
                }
                if (settings.dataCollection() != null) {
                    provider.put("data_collection", settings.dataCollection());
                }
            }
            // OpenRouter now reports usage and cost on every response; the flag keeps older deployments doing so.
            body.putObject("usage").put("include", true);
        }

        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Could not write a chat-completions request body", e);
        }
    }

    private Attempt send(Request httpRequest, String model) throws ChatFailure {
        try (Response response = http.newCall(httpRequest).execute()) {
            ResponseBody responseBody = response.body();
            BufferedSource source = responseBody.source();
            if (source.request(MAX_BODY_BYTES + 1)) {
                return Attempt.failed(Classification.transientFailure(FailureCode.INVALID_RESPONSE), Optional.empty(),
                        "HTTP " + response.code() + " with a body over " + MAX_BODY_BYTES + " bytes",
                        AttemptUsage.NONE, null);
            }
            String body = source.readUtf8();
            Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After"), time.now());

            if (!response.isSuccessful()) {
                ChatResponse.ProviderError error = reader.readError(response.code(), body);
                Classification classification = classifyStatus(response.code(), error.detail(), retryAfter, response);
                return Attempt.failed(classification, retryAfter, "HTTP " + response.code() + ": " + error.message(),
                        error.usage(), null);
            }
            return readSuccess(body, retryAfter, response);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ChatFailure(FailureCode.INTERRUPTED, "Interrupted while calling " + model, true, null, e);
            }
            // Connect, read and call timeouts all land here (SocketTimeoutException is a subclass).
            return Attempt.failed(Classification.transientFailure(FailureCode.TIMEOUT), Optional.empty(),
                    "timed out: " + e.getMessage(), AttemptUsage.NONE, e);
        } catch (IOException e) {
            // Refused or reset connections and bodies cut short.
            return Attempt.failed(Classification.transientFailure(FailureCode.CONNECTION_FAILED), Optional.empty(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), AttemptUsage.NONE, e);
        }
    }

    private Attempt readSuccess(String body, Optional<Duration> retryAfter, Response response) {
        ChatResponse parsed = reader.readSuccess(body);
        if (parsed instanceof ChatResponse.Answer answer) {
            return Attempt.answered(answer);
        }
        if (parsed instanceof ChatResponse.EmptyAnswer empty) {
            return Attempt.failed(Classification.transientFailure(FailureCode.EMPTY_OUTPUT), Optional.empty(),
                    "no content in the response (finish_reason " + empty.finishReason() + ")", empty.usage(), null);
        }
        if (parsed instanceof ChatResponse.ProviderError error) {
            // An error inside a 200 carries the status it stands for; without a usable one it is a provider error.
            int status = error.code() != null && error.code() >= 400 && error.code() <= 599 ? error.code() : 502;
            Classification classification = classifyStatus(status, error.detail(), retryAfter, response);
            return Attempt.failed(classification, retryAfter,
                    "error " + status + " in a 200 response: " + error.message(), error.usage(), null);
        }
        ChatResponse.Unreadable unreadable = (ChatResponse.Unreadable) parsed;
        return Attempt.failed(Classification.transientFailure(FailureCode.INVALID_RESPONSE), Optional.empty(),
                unreadable.reason(), AttemptUsage.NONE, null);
    }

    private Classification classifyStatus(int status, String detail, Optional<Duration> retryAfter,
            Response response) {
        Classification classification = FailureClassifier.classify(status, detail, retryAfter.isPresent());
        if (FailureCode.RATE_LIMITED.equals(classification.code()) && rateLimitResetsBeyondCap(response)) {
            return Classification.batchStopping(FailureCode.QUOTA_EXHAUSTED);
        }
        return classification;
    }

    /**
     * Returns whether a 429 reports no request left until a reset later than the retry cap: OpenRouter sends
     * X-RateLimit-Remaining and X-RateLimit-Reset (epoch milliseconds) with its own rate-limit errors.
     */
    private boolean rateLimitResetsBeyondCap(Response response) {
        String remaining = response.header("X-RateLimit-Remaining");
        String reset = response.header("X-RateLimit-Reset");
        if (!"0".equals(remaining) || reset == null || !reset.trim().matches("\\d{1,15}")) {
            return false;
        }
        long value = Long.parseLong(reset.trim());
        // Values below 10^11 cannot be milliseconds since 1970 of any date after 1973, so they are seconds.
        long resetMillis = value < 100_000_000_000L ? value * 1000 : value;
        long waitMillis = resetMillis - time.now().toEpochMilli();
        return waitMillis > retryPolicy.maxTotalWait().toMillis();
    }

    private void acquirePermit(ChatRequest request, UsageTally tally, int attemptsMade, long startedNanos)
            throws ChatFailure {
        if (rateLimiter == null) {
            return;
        }
        try {
            rateLimiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(request, tally, attemptsMade, startedNanos, e);
        }
    }

    private void sleep(Duration delay, ChatRequest request, UsageTally tally, int attemptsMade, long startedNanos)
            throws ChatFailure {
        try {
            time.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(request, tally, attemptsMade, startedNanos, e);
        }
    }

    private ChatFailure interrupted(ChatRequest request, UsageTally tally, int attemptsMade, long startedNanos,
            InterruptedException cause) {
        return new ChatFailure(FailureCode.INTERRUPTED, "Interrupted before attempt " + (attemptsMade + 1) + " of "
                + request.purpose() + " of task " + request.subjectId(), true,
                tally.toUsage(attemptsMade, elapsedMillis(startedNanos)), cause);
    }

    private ChatFailure giveUpAfterRetries(ChatRequest request, Classification classification,
            RetryPolicy.GiveUpReason reason, Attempt outcome, UsageTally tally, int attempts, long startedNanos) {
        String code = classification.code();
        boolean stopsBatch = classification.stopsBatch();
        if (reason == RetryPolicy.GiveUpReason.RETRY_AFTER_BEYOND_CAP && FailureCode.RATE_LIMITED.equals(code)) {
            // A rate limit that lifts later than the cap is a quota for today: stop rather than sleep on it.
            code = FailureCode.QUOTA_EXHAUSTED;
            stopsBatch = true;
        }
        return giveUp(request, code, stopsBatch, outcome, tally, attempts, startedNanos);
    }

    private ChatFailure giveUp(ChatRequest request, String code, boolean stopsBatch, Attempt outcome,
            UsageTally tally, int attempts, long startedNanos) {
        String message = request.purpose() + " of task " + request.subjectId() + " with model " + request.model()
                + " failed with " + code + " after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ")
                + redact(outcome.detail());
        log.warn("{}{}", message, stopsBatch ? " (stops the batch)" : "");
        return new ChatFailure(code, message, stopsBatch, tally.toUsage(attempts, elapsedMillis(startedNanos)),
                outcome.cause());
    }

    private long elapsedMillis(long startedNanos) {
        return Duration.ofNanos(time.nanoTime() - startedNanos).toMillis();
    }

    /**
     * Removes the API key from text the provider sent back, since some servers echo request headers. Messages carry
     * a snippet of the body cut at a fixed length, which can cut the key too, so a leading part of the key of
     * {@value #MIN_REDACTED_PREFIX} characters or more is removed as well.
     */
    private String redact(String text) {
        if (text == null) {
            return null;
        }
        String key = settings.apiKey().reveal();
        String redacted = text.replace(key, REDACTED);
        for (int length = key.length() - 1; length >= MIN_REDACTED_PREFIX; length--) {
            redacted = redacted.replace(key.substring(0, length), REDACTED);
        }
        return redacted;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** The outcome of one request: the model output, or a classified failure. */
    private record Attempt(
            ChatResponse.Answer answer,
            Classification classification,
            Optional<Duration> retryAfter,
            String detail,
            AttemptUsage usage,
            Throwable cause) {

        static Attempt answered(ChatResponse.Answer answer) {
            return new Attempt(answer, null, Optional.empty(), null, answer.usage(), null);
        }

        static Attempt failed(Classification classification, Optional<Duration> retryAfter, String detail,
                AttemptUsage usage, Throwable cause) {
            return new Attempt(null, classification, retryAfter, detail, usage, cause);
        }
    }
}
