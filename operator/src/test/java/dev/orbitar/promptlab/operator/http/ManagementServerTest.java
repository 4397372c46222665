package dev.orbitar.promptlab.operator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.support.MockCluster;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ManagementServerTest {

  private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private static final AtomicBoolean READY = new AtomicBoolean();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static MockCluster cluster;
  private static ManagementServer server;

  @BeforeAll
  static void start() throws Exception {
    cluster = new MockCluster(REGISTRY);
    server = new ManagementServer(0, () -> true, READY::get, REGISTRY);
    server.start();
    cluster.startOperator();

    for (String example : new String[] {"hourly.yaml", "suspended.yaml", "invalid-cron.yaml"}) {
      PromptLabSchedule schedule = MockCluster.example(example);
      schedule.getMetadata().setNamespace("metrics");
      cluster.client().resource(schedule).create();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
    cluster.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void schedulesByState() {
    String metrics = await().atMost(Duration.ofSeconds(30)).until(() -> get("/metrics").body(),
        // Each schedule settles on its own reconcile, so the wait is for all three.
        body -> body.contains("promptlab_schedules{state=\"invalid\"} 1")
            && body.contains("promptlab_schedules{state=\"active\"} 1")
            && body.contains("promptlab_schedules{state=\"suspended\"} 1"));

    assertThat(metrics).contains("promptlab_schedules{state=\"pending\"} 0");
    assertThat(metrics).contains("promptlab_schedules{state=\"waiting\"} 0");
    assertThat(metrics).contains("promptlab_schedules{state=\"failed\"} 0");
  }

  @Test
  void reconcileMetrics() {
    String metrics = await().atMost(Duration.ofSeconds(30)).until(() -> get("/metrics").body(),
        body -> body.contains("operator_sdk_reconciliations_success_total"));

    assertThat(metrics).contains("operator_sdk_reconciliations_started_total");
    assertThat(metrics).contains("operator_sdk_controllers_execution_reconcile_seconds_count");
  }

  @Test
  void livenessAnswers() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void readinessFollowsStart() throws Exception {
    READY.set(false);
    int before = get("/readyz").statusCode();
    READY.set(true);
    int after = get("/readyz").statusCode();

    assertThat(before).isEqualTo(503);
    assertThat(after).isEqualTo(200);
  }
}
