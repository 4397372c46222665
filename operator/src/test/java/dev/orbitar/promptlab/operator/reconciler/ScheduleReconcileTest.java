package dev.orbitar.promptlab.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.support.MockCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScheduleReconcileTest {

  private static MockCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new MockCluster();
    cluster.startOperator();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void createsCronJob() {
    PromptLabSchedule schedule = MockCluster.example("hourly.yaml");
    cluster.client().resource(schedule).inNamespace("create").create();

    CronJob cronJob = await().atMost(Duration.ofSeconds(20)).until(
        () -> cluster.client().batch().v1().cronjobs().inNamespace("create").withName("hourly-prompt-lab").get(),
        found -> found != null);
    assertThat(cronJob.getSpec().getSchedule()).isEqualTo("0 * * * *");

    Condition ready = await().atMost(Duration.ofSeconds(20)).until(
        () -> {
          PromptLabSchedule current = cluster.client().resources(PromptLabSchedule.class).inNamespace("create")
              .withName("hourly").get();
          return current.getStatus() == null ? null : current.getStatus().readyCondition().orElse(null);
        },
        condition -> condition != null);
    assertThat(ready.getStatus()).isEqualTo("True");
  }
}
