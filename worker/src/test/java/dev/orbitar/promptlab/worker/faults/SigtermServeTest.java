package dev.orbitar.promptlab.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code serve}: a batch that hangs on its provider is cut short within the grace period, its request
 * gets a 503 saying so, and the worker exits; with no batch running the worker exits at once.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(120)
class SigtermServeTest {

    private static final int GRACE_SECONDS = 4;
    // Far longer than the exit allowance, so a worker that waited for the grace period fails the idle test.
    private static final int IDLE_GRACE_SECONDS = 60;
    private static final int TASKS = 8;
    private static final int LIMIT = 6;
    private static final int CONCURRENCY = 3;
    // Time for the exit itself after the grace period, with the close-out and the JVM's shutdown.
    private static final Duration EXIT_ALLOWANCE = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void sigtermCutsShortRunningBatch() throws Exception {
        FaultDatabase database = SharedLabServer.newDatabase();
        database.addSyntheticTasks(TASKS);
        int port = freePort();

        try (FakeOpenRouter hanging = new FakeOpenRouter()) {
            hanging.holdResponses();
            WorkerProcess worker = WorkerProcess.start("serve", new WorkerProcess.Settings(database, hanging)
                    .set("PORT", port)
                    .set("LAB_BATCH_LIMIT", LIMIT)
                    .set("LAB_CONCURRENCY", CONCURRENCY)
                    .set("LAB_SHUTDOWN_GRACE_SECONDS", GRACE_SECONDS), dir);
            awaitHealthy(port);
            CompletableFuture<HttpResponse<String>> response = client.sendAsync(
                    HttpRequest.newBuilder(uri(port, "/run")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(60)).until(() -> database.runs("pending").size() == CONCURRENCY);
            String batchId = database.batchIds().get(0);

            worker.terminate();
            worker.waitForExit(EXIT_ALLOWANCE.plusSeconds(GRACE_SECONDS));

            HttpResponse<String> received = response.get(10, TimeUnit.SECONDS);
            JsonNode body = new ObjectMapper().readTree(received.body());
            assertThat(received.statusCode()).isEqualTo(503);
            assertThat(body.path("status").asText()).isEqualTo("cut-short");
            assertThat(body.path("batchId").asText()).isEqualTo(batchId);
            assertThat(database.runs("pending")).isEmpty();
            assertThat(database.runs()).allSatisfy(run -> assertThat(run.errorMessage()).isEqualTo("interrupted"));
            assertThat(database.claimedBy(batchId)).isEmpty();
            assertThat(database.batchStatus(batchId)).isEqualTo("stopped");
            assertThat(worker.lines()).noneMatch(line -> line.contains("A shutdown action failed"));
            worker.assertNoSecretIn(FakeOpenRouter.API_KEY, SharedLabServer.password());
        }
    }

    @Test
    void sigtermWhileIdleExitsAtOnce() throws Exception {
        FaultDatabase database = SharedLabServer.newDatabase();
        int port = freePort();

        try (FakeOpenRouter provider = new FakeOpenRouter()) {
            WorkerProcess worker = WorkerProcess.start("serve", new WorkerProcess.Settings(database, provider)
                    .set("PORT", port)
                    .set("LAB_SHUTDOWN_GRACE_SECONDS", IDLE_GRACE_SECONDS), dir);
            awaitHealthy(port);

            worker.terminate();
            worker.waitForExit(EXIT_ALLOWANCE);

            assertThat(worker.lines()).anyMatch(line -> line.contains("Serve mode stopped"));
        }
    }

    private void awaitHealthy(int port) {
        HttpRequest health = HttpRequest.newBuilder(uri(port, "/health")).build();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not bind a free loopback port", e);
        }
    }
}
