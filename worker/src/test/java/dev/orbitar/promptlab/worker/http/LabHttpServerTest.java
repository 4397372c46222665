package dev.orbitar.promptlab.worker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.batch.BatchFailedException;
import dev.orbitar.promptlab.worker.runtime.ShutdownCoordinator;
import dev.orbitar.promptlab.worker.runtime.ShutdownOutcome;
import dev.orbitar.promptlab.worker.settings.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LabHttpServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PING_SOURCE = "/apis/v1/namespaces/lab/pingsources/hourly";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeTrigger trigger = new FakeTrigger();
    private LabHttpServer server;

    @AfterEach
    void stopServer() {
        trigger.open();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void healthIsOk() throws Exception {
        start(null);

        HttpResponse<String> response = send("GET", "/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
    }

    @Test
    void rootGetIsHealth() throws Exception {
        start(null);

        HttpResponse<String> response = send("GET", "/", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("ok");
        assertThat(trigger.calls()).isZero();
    }

    @Test
    void runReturnsCounts() throws Exception {
        start(null);

        HttpResponse<String> response = send("POST", "/run", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(json(response)).isEqualTo(JSON.readTree("{\"runsCreated\":3,\"scoresCreated\":2}"));
        assertThat(trigger.contexts).containsExactly(TriggerContext.empty());
    }

    @Test
    void rootPostRunsBatch() throws Exception {
        start(null);

        HttpResponse<String> response = send("POST", "/", "{\"batchLimit\": 7}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(trigger.contexts.get(0).batchLimit()).hasValue(7);
    }

    @Test
    void limitAboveMaximumIs400() throws Exception {
        start(null);

        HttpResponse<String> response = send("POST", "/run", "{\"batchLimit\": 11}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains("above the safe maximum of 10");
        assertThat(trigger.calls()).isZero();
    }

    @Test
    void limitBelowOneIs400() throws Exception {
        start(null);

        HttpResponse<String> response = send("POST", "/run", "{\"batchLimit\": 0}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(trigger.calls()).isZero();
    }

    @Test
    void bodyNotJsonIs400() throws Exception {
        start(null);

        HttpResponse<String> response = send("POST", "/run", "limit=5");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains("batchLimit");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        start(null);

        HttpResponse<String> response = send("POST", "/run", " ".repeat(RunEndpoint.MAX_BODY_BYTES + 1));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(trigger.calls()).isZero();
    }

    @Test
    void unknownPathIs404() throws Exception {
        start(null);

        HttpResponse<String> response = send("GET", "/metrics", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).startsWith("Not found: GET /metrics");
    }

    @Test
    void wrongMethodIs404() throws Exception {
        start(null);

        HttpResponse<String> response = send("PUT", "/run", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(trigger.calls()).isZero();
    }

    @Test
    void concurrentRunGets409() throws Exception {
        start(null);
        trigger.hold();
        CompletableFuture<HttpResponse<String>> first = sendAsync("POST", "/run", null);
        assertThat(trigger.entered.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> second = send("POST", "/run", null);
        trigger.open();

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(json(second).path("retryAfterSeconds").asInt()).isEqualTo(60);
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(trigger.calls()).isEqualTo(1);
    }

    @Test
    void healthAnswersDuringBatch() throws Exception {
        start(null);
        trigger.hold();
        CompletableFuture<HttpResponse<String>> run = sendAsync("POST", "/run", null);
        assertThat(trigger.entered.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> health = send("GET", "/health", null);
        trigger.open();

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(run.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void binaryEventCarriesAttributes() throws Exception {
        start(null);

        HttpResponse<String> response = sendBinaryEvent("ev-1", "{\"batchLimit\": 4}");

        assertThat(response.statusCode()).isEqualTo(200);
        TriggerContext context = trigger.contexts.get(0);
        assertThat(context.event()).hasValue(new CloudEvent("ev-1", PING_SOURCE, "dev.knative.sources.ping", "1.0"));
        assertThat(context.batchLimit()).hasValue(4);
    }

    @Test
    void structuredEventCarriesAttributes() throws Exception {
        start(null);
        String event = "{\"specversion\":\"1.0\",\"id\":\"ev-9\",\"source\":\"" + PING_SOURCE + "\","
                + "\"type\":\"dev.knative.sources.ping\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"batchLimit\":6}}";

        HttpResponse<String> response = sendStructuredEvent(event);

        assertThat(response.statusCode()).isEqualTo(200);
        TriggerContext context = trigger.contexts.get(0);
        assertThat(context.event()).hasValue(new CloudEvent("ev-9", PING_SOURCE, "dev.knative.sources.ping", "1.0"));
        assertThat(context.batchLimit()).hasValue(6);
    }

    @Test
    void structuredEventReadsBase64Data() throws Exception {
        start(null);
        String event = "{\"specversion\":\"1.0\",\"id\":\"ev-10\",\"source\":\"s\",\"type\":\"t\","
                + "\"data_base64\":\"eyJiYXRjaExpbWl0IjogM30=\"}";

        HttpResponse<String> response = sendStructuredEvent(event);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(trigger.contexts.get(0).batchLimit()).hasValue(3);
    }

    @Test
    void structuredEventWithoutIdIs400() throws Exception {
        start(null);
        String event = "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\"}";

        HttpResponse<String> response = sendStructuredEvent(event);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains("'id'");
    }

    @Test
    void binaryEventWithoutSourceIs400() throws Exception {
        start(null);
        HttpRequest request = request("POST", "/", null).header("ce-id", "ev-1").header("ce-type", "t")
                .header("ce-specversion", "1.0").build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains("ce-source");
    }

    @Test
    void eventLimitAboveMaximumIs400() throws Exception {
        start(null);

        HttpResponse<String> response = sendBinaryEvent("ev-big", "{\"batchLimit\": 500}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(trigger.calls()).isZero();
    }

    @Test
    void redeliveredEventRunsOnce() throws Exception {
        start(null);

        HttpResponse<String> first = sendBinaryEvent("ev-2", "");
        HttpResponse<String> again = sendBinaryEvent("ev-2", "");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("redelivered").asBoolean()).isTrue();
        assertThat(json(again).path("runsCreated").asInt()).isEqualTo(3);
        assertThat(trigger.calls()).isEqualTo(1);
    }

    @Test
    void redeliveredStructuredEventRunsOnce() throws Exception {
        start(null);
        String event = "{\"specversion\":\"1.0\",\"id\":\"ev-3\",\"source\":\"s\",\"type\":\"t\"}";

        sendStructuredEvent(event);
        HttpResponse<String> again = sendBinaryEvent("ev-3", "", "s");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(trigger.calls()).isEqualTo(1);
    }

    @Test
    void redeliveryDuringBatchIs202() throws Exception {
        start(null);
        trigger.hold();
        CompletableFuture<HttpResponse<String>> first = sendBinaryEventAsync("ev-4");
        assertThat(trigger.entered.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> again = sendBinaryEvent("ev-4", "");
        trigger.open();

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).path("status").asText()).isEqualTo("running");
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(trigger.calls()).isEqualTo(1);
    }

    @Test
    void sameIdOtherSourceRunsAgain() throws Exception {
        start(null);

        sendBinaryEvent("ev-5", "", "source-a");
        HttpResponse<String> other = sendBinaryEvent("ev-5", "", "source-b");

        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(trigger.calls()).isEqualTo(2);
    }

    @Test
    void failedEventRunsOnRedelivery() throws Exception {
        start(null);
        trigger.failWith(() -> new BatchFailedException("database is gone", null));
        HttpResponse<String> failed = sendBinaryEvent("ev-6", "");
        trigger.failWith(null);

        HttpResponse<String> retried = sendBinaryEvent("ev-6", "");

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(trigger.calls()).isEqualTo(2);
    }

    @Test
    void failureBodyHidesSecret() throws Exception {
        start(null);
        trigger.failWith(() -> new BatchFailedException(
                "Could not connect to postgresql://lab:s3cret-pass@db:5432/lab", new IOException("refused")));

        HttpResponse<String> response = send("POST", "/run", null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("error").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("s3cret-pass");
    }

    @Test
    void missingTokenIs401() throws Exception {
        start("tok-123");

        HttpResponse<String> response = send("POST", "/run", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(trigger.calls()).isZero();
    }

    @Test
    void wrongTokenIs401() throws Exception {
        start("tok-123");

        HttpResponse<String> response = client.send(request("POST", "/run", null)
                .header("Authorization", "Bearer tok-1234").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("tok-123");
    }

    @Test
    void rightTokenRuns() throws Exception {
        start("tok-123");

        HttpResponse<String> response = client.send(request("POST", "/run", null)
                .header("Authorization", "bearer tok-123").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(trigger.calls()).isEqualTo(1);
    }

    @Test
    void tokenGuardsUnknownPaths() throws Exception {
        start("tok-123");

        HttpResponse<String> response = send("GET", "/metrics", null);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        start("tok-123");

        HttpResponse<String> response = send("GET", "/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void traceReachesTriggerAndMdc() throws Exception {
        start(null);
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        client.send(request("POST", "/run", null).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(trigger.contexts.get(0).trace().orElseThrow().traceId()).isEqualTo(traceId);
        assertThat(trigger.tracesInMdc).containsExactly(traceId);
    }

    @Test
    void cloudTraceHeaderReachesTrigger() throws Exception {
        start(null);

        client.send(request("POST", "/run", null)
                .header("X-Cloud-Trace-Context", "105445AA7843BC8BF206B12000100000/1;o=1").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(trigger.contexts.get(0).trace().orElseThrow().traceId())
                .isEqualTo("105445aa7843bc8bf206b12000100000");
    }

    @Test
    void stoppingServerAnswers503() throws Exception {
        start(null);
        server.requestStop("SIGTERM");

        HttpResponse<String> response = send("POST", "/run", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(trigger.stopReasons).containsExactly("SIGTERM");
    }

    @Test
    void stopWaitsForRunningBatch() throws Exception {
        start(null);
        trigger.hold();
        CompletableFuture<HttpResponse<String>> run = sendAsync("POST", "/run", null);
        assertThat(trigger.entered.await(10, TimeUnit.SECONDS)).isTrue();
        server.requestStop("SIGTERM");
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> awaitStopped(Duration.ofSeconds(20)));

        trigger.open();

        assertThat(run.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(stopped.get(25, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void stopGivesUpAfterTimeout() throws Exception {
        start(null);
        trigger.hold();
        sendAsync("POST", "/run", null);
        assertThat(trigger.entered.await(10, TimeUnit.SECONDS)).isTrue();

        boolean stopped = server.awaitStopped(Duration.ofMillis(50));

        assertThat(stopped).isFalse();
    }

    @Test
    void shutdownDrainsServeMode() throws Exception {
        start(null);
        ShutdownCoordinator coordinator = new ShutdownCoordinator(Duration.ofSeconds(20));
        coordinator.register(server);
        trigger.hold();
        CompletableFuture<HttpResponse<String>> run = sendAsync("POST", "/run", null);
        assertThat(trigger.entered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<ShutdownOutcome> shutdown = CompletableFuture.supplyAsync(
                () -> coordinator.stopAll(ShutdownCoordinator.SIGTERM));
        await().atMost(Duration.ofSeconds(10)).until(() -> trigger.stopReasons.contains("SIGTERM"));
        trigger.open();

        assertThat(run.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(shutdown.get(25, TimeUnit.SECONDS).cutShort()).isFalse();
        assertThatThrownBy(() -> send("GET", "/health", null)).isInstanceOf(IOException.class);
    }

    private boolean awaitStopped(Duration timeout) {
        try {
            return server.awaitStopped(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void start(String token) throws IOException {
        ServeOptions options = new ServeOptions(InetAddress.getLoopbackAddress(), 0, 10, Secret.ofNullable(token),
                Duration.ofMinutes(10), Duration.ofSeconds(60));
        server = LabHttpServer.start(options, trigger);
    }

    private HttpRequest.Builder request(String method, String path, String body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).method(method, publisher);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return client.send(request(method, path, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, String body) {
        return client.sendAsync(request(method, path, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendBinaryEvent(String id, String data) throws Exception {
        return sendBinaryEvent(id, data, PING_SOURCE);
    }

    private HttpResponse<String> sendBinaryEvent(String id, String data, String source) throws Exception {
        return client.send(binaryEvent(id, data, source), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> sendBinaryEventAsync(String id) {
        return client.sendAsync(binaryEvent(id, "", PING_SOURCE), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest binaryEvent(String id, String data, String source) {
        return request("POST", "/", data).header("Content-Type", "application/json").header("ce-id", id)
                .header("ce-source", source).header("ce-type", "dev.knative.sources.ping")
                .header("ce-specversion", "1.0").build();
    }

    private HttpResponse<String> sendStructuredEvent(String event) throws Exception {
        return client.send(request("POST", "/", event)
                .header("Content-Type", "application/cloudevents+json; charset=utf-8").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
