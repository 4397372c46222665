package dev.orbitar.promptlab.operator.bench;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.support.MockCluster;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the operator jar against the mock API server: N schedules created at once, the time until every
 * CronJob exists and every schedule is Ready, the operator's heap at steady state, and its writes while idle.
 *
 * <p>The operator runs as {@code java -jar target/prompt-lab-operator.jar} in its own JVM, so its heap is not
 * mixed with the mock server's; build the jar first. Arguments: schedule count (default 1000), idle window in
 * seconds (default 60), maximum heap of the operator JVM (default 512m).
 */
public final class ScheduleBenchmark {

  private static final Path JAR = Path.of("target", "prompt-lab-operator.jar");
  private static final int NAMESPACES = 10;
  private static final Pattern HEAP_USED =
      Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)$", Pattern.MULTILINE);

  private ScheduleBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    String maxHeap = args.length > 2 ? args[2] : "512m";
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run ./mvnw -B -pl operator package -DskipTests first");
    }

    try (MockCluster cluster = new MockCluster()) {
      int httpPort = freePort();
      Process operator = startOperator(cluster, httpPort, maxHeap);
      try {
        run(cluster, operator, httpPort, count, idleSeconds, maxHeap);
      } finally {
        operator.destroy();
        operator.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void run(MockCluster cluster, Process operator, int httpPort, int count, int idleSeconds,
      String maxHeap) throws Exception {
    KubernetesClient client = cluster.client();
    waitForReadiness(httpPort);
    cluster.drainRequests();

    long start = System.nanoTime();
    createAll(client, count);
    long created = System.nanoTime();

    long cronJobsAt = 0;
    long readyAt = 0;
    while (cronJobsAt == 0 || readyAt == 0) {
      if (!operator.isAlive()) {
        throw new IllegalStateException("The operator exited with code " + operator.exitValue());
      }
      if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
        throw new IllegalStateException("Timed out after 10 minutes waiting for CronJobs and Ready schedules");
      }
      if (cronJobsAt == 0 && client.batch().v1().cronjobs().inAnyNamespace().list().getItems().size() >= count) {
        cronJobsAt = System.nanoTime();
      }
      if (readyAt == 0 && readyCount(client) >= count) {
        readyAt = System.nanoTime();
      }
      Thread.sleep(200);
    }
    // The benchmark's own creates are writes too; the rest are the operator's.
    int writesWhileConverging = MockCluster.writes(cluster.drainRequests()).size() - count;

    runGc(operator.pid());
    double heapMiB = heapUsedBytes(httpPort) / (1024.0 * 1024.0);

    cluster.drainRequests();
    Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
    List<String> idleWrites = MockCluster.writes(cluster.drainRequests());

    System.out.printf(Locale.ROOT, "schedules: %d in %d namespaces (created by 16 client threads in %.2f s)%n",
        count, NAMESPACES, seconds(created - start));
    System.out.printf(Locale.ROOT, "all CronJobs exist after: %.2f s%n", seconds(cronJobsAt - start));
    System.out.printf(Locale.ROOT, "all schedules Ready after: %.2f s%n", seconds(readyAt - start));
    System.out.printf(Locale.ROOT, "operator writes until Ready: %d (CronJob creates, events, status patches)%n",
        writesWhileConverging);
    System.out.printf(Locale.ROOT, "operator heap used after GC at steady state: %.1f MiB (-Xmx%s)%n", heapMiB,
        maxHeap);
    System.out.printf(Locale.ROOT, "operator writes during %d idle seconds: %d%n", idleSeconds, idleWrites.size());
    idleWrites.stream().limit(10).forEach(write -> System.out.println("  " + write));
  }

  private static void createAll(KubernetesClient client, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        PromptLabSchedule schedule = schedule(i);
        futures.add(pool.submit(() -> client.resource(schedule).create()));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Builds a nightly schedule. Minutes and zones vary so the CronJobs differ, and none runs in the idle window. */
  private static PromptLabSchedule schedule(int index) {
    PromptLabSchedule schedule = MockCluster.example("nightly-berlin.yaml");
    schedule.getMetadata().setName(String.format(Locale.ROOT, "bench-%04d", index));
    schedule.getMetadata().setNamespace("bench-" + (index % NAMESPACES));
    schedule.getSpec().setSchedule((index % 60) + " 3 * * *");
    schedule.getSpec().setTimeZone(index % 2 == 0 ? "Europe/Berlin" : "Etc/UTC");
    return schedule;
  }

  private static long readyCount(KubernetesClient client) {
    return client.resources(PromptLabSchedule.class).inAnyNamespace().list().getItems().stream()
        .filter(schedule -> schedule.getStatus() != null)
        .filter(schedule -> schedule.getStatus().readyCondition()
            .map(condition -> "True".equals(condition.getStatus())).orElse(false))
        .count();
  }

  private static Process startOperator(MockCluster cluster, int httpPort, String maxHeap) throws IOException {
    Path kubeconfig = Files.createTempFile("bench-kubeconfig", ".yaml");
    kubeconfig.toFile().deleteOnExit();
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: http://127.0.0.1:%d
        users:
        - name: bench
          user:
            token: benchmark
        contexts:
        - name: mock
          context:
            cluster: mock
            user: bench
            namespace: default
        current-context: mock
        """.formatted(cluster.server().getPort()));

    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + maxHeap, "-jar", JAR.toString());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("LEADER_ELECTION", "false");
    builder.environment().put("OPERATOR_HTTP_PORT", String.valueOf(httpPort));
    builder.redirectErrorStream(true);
    builder.redirectOutput(Path.of("target", "bench-operator.log").toFile());
    return builder.start();
  }

  private static void waitForReadiness(int httpPort) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/readyz")).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // The operator JVM is still starting.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("The operator was not ready within 60 s: see target/bench-operator.log");
  }

  private static double heapUsedBytes(int httpPort) throws Exception {
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    double total = 0;
    Matcher matcher = HEAP_USED.matcher(metrics);
    while (matcher.find()) {
      total += Double.parseDouble(matcher.group(1));
    }
    return total;
  }

  private static void runGc(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run").inheritIO().start().waitFor(60,
        TimeUnit.SECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static double seconds(long nanos) {
    return Duration.ofNanos(nanos).toMillis() / 1000.0;
  }
}
