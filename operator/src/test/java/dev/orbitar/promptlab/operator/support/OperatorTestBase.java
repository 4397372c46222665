package dev.orbitar.promptlab.operator.support;

import static org.awaitility.Awaitility.await;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleSpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs one operator against one mock API server for all tests of a class; each test uses its own namespace.
 */
public abstract class OperatorTestBase {

  protected static final Duration WAIT = Duration.ofSeconds(30);

  protected static MockCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = new MockCluster();
    cluster.startOperator();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  protected static KubernetesClient client() {
    return cluster.client();
  }

  protected static PromptLabSchedule create(String namespace, PromptLabSchedule schedule) {
    schedule.getMetadata().setNamespace(namespace);
    return client().resource(schedule).create();
  }

  protected static PromptLabSchedule schedule(String namespace, String name) {
    return client().resources(PromptLabSchedule.class).inNamespace(namespace).withName(name).get();
  }

  protected static PromptLabSchedule edit(String namespace, String name, Consumer<PromptLabScheduleSpec> change) {
    return client().resources(PromptLabSchedule.class).inNamespace(namespace).withName(name).edit(schedule -> {
      change.accept(schedule.getSpec());
      return schedule;
    });
  }

  protected static CronJob cronJob(String namespace, String name) {
    return client().batch().v1().cronjobs().inNamespace(namespace).withName(name).get();
  }

  protected static List<CronJob> cronJobs(String namespace) {
    return client().batch().v1().cronjobs().inNamespace(namespace).list().getItems();
  }

  protected static CronJob awaitCronJob(String namespace, String name) {
    return await().atMost(WAIT).until(() -> cronJob(namespace, name), Objects::nonNull);
  }

  /** Waits until the schedule's status describes its current generation, and returns the schedule. */
  protected static PromptLabSchedule awaitObserved(String namespace, String name) {
    return await().atMost(WAIT).until(() -> schedule(namespace, name), schedule -> schedule.getStatus() != null
        && Objects.equals(schedule.getStatus().getObservedGeneration(), schedule.getMetadata().getGeneration()));
  }

  protected static Condition awaitReady(String namespace, String name, String reason) {
    return await().atMost(WAIT).until(() -> awaitObserved(namespace, name).getStatus().readyCondition().orElse(null),
        condition -> condition != null && reason.equals(condition.getReason()));
  }

  protected static List<Event> events(String namespace, String reason) {
    return client().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> reason.equals(event.getReason()))
        .toList();
  }

  protected static double successfulReconciles() {
    return cluster.registry().find("operator.sdk.reconciliations.success").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
