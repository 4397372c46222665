package dev.orbitar.promptlab.operator.support;

import dev.orbitar.promptlab.operator.OperatorFactory;
import dev.orbitar.promptlab.operator.OperatorSettings;
import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Fabric8 mock API server in CRUD mode with the PromptLabSchedule CRD installed, and the operator wired as in
 * production (minus leader election) against it. Expectations added through {@link #server()} take precedence
 * over the stored objects, which is how tests inject failures such as write conflicts.
 */
public final class MockCluster implements AutoCloseable {

  /** The CRD as the build generated it from the Java types. */
  public static final Path GENERATED_CRD =
      Path.of("target", "classes", "META-INF", "fabric8", "promptlabschedules.promptlab.orbitar.dev-v1.yml");

  /** A short re-check interval, so that tests see a Knative schedule proceed soon after the CRDs appear. */
  public static final Duration KNATIVE_RECHECK = Duration.ofSeconds(1);

  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  // The mock server logs every request through java.util.logging; held here so the level setting is not
  // garbage collected with the logger.
  private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final MeterRegistry registry;
  private Operator operator;

  public MockCluster() {
    this(new SimpleMeterRegistry());
  }

  public MockCluster(MeterRegistry registry) {
    this.registry = registry;
    HashMap<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = server.createClient();
    installCrd();
  }

  private void installCrd() {
    try (InputStream crd = Files.newInputStream(GENERATED_CRD)) {
      client.apiextensions().v1().customResourceDefinitions()
          .resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
          .create();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("The generated CRD " + GENERATED_CRD + " is missing: run the build first", e);
    }
  }

  /** Registers stand-ins for the Knative Serving Service and Eventing PingSource CRDs, as installing Knative would. */
  public void installKnativeCrds() {
    for (String crd : List.of("services.serving.knative.dev.yaml", "pingsources.sources.knative.dev.yaml")) {
      try (InputStream yaml = MockCluster.class.getResourceAsStream("/knative/" + crd)) {
        client.apiextensions().v1().customResourceDefinitions()
            .resource(client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class))
            .create();
      } catch (java.io.IOException e) {
        throw new IllegalStateException("Test resource knative/" + crd + " is missing", e);
      }
    }
  }

  /** Starts the operator on all namespaces; it stops on {@link #stopOperator()} or {@link #close()}. */
  public Operator startOperator() {
    return startOperator(new OperatorSettings(Set.of(), false, "unused", null, 0, Duration.ofSeconds(5), false,
        KNATIVE_RECHECK));
  }

  /** Starts the operator with {@code settings}; it stops on {@link #stopOperator()} or {@link #close()}. */
  public Operator startOperator(OperatorSettings settings) {
    operator = OperatorFactory.create(client, settings, registry, Clock.systemUTC());
    operator.start();
    return operator;
  }

  public void stopOperator() {
    if (operator != null) {
      operator.stop();
      operator = null;
    }
  }

  public KubernetesClient client() {
    return client;
  }

  public KubernetesMockServer server() {
    return server;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Takes every request recorded so far off the server's queue and returns them. */
  public List<RecordedRequest> drainRequests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest request = server.takeRequest(1, TimeUnit.MILLISECONDS); request != null;
        request = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
      requests.add(request);
    }
    return requests;
  }

  /** Returns the writes (POST, PUT, PATCH, DELETE) among {@code requests}, as "METHOD path" lines. */
  public static List<String> writes(List<RecordedRequest> requests) {
    return requests.stream()
        .filter(request -> WRITE_METHODS.contains(request.getMethod()))
        .map(request -> request.getMethod() + " " + request.getPath())
        .toList();
  }

  /** Loads a PromptLabSchedule from a YAML file under the repository's examples folder. */
  public static PromptLabSchedule example(String fileName) {
    Path file = Path.of("..", "examples", fileName);
    try (InputStream yaml = Files.newInputStream(file)) {
      return Serialization.unmarshal(yaml, PromptLabSchedule.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Example " + file + " is missing", e);
    }
  }

  @Override
  public void close() {
    stopOperator();
    client.close();
    server.destroy();
  }
}
