package dev.orbitar.promptlab.operator.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orbitar.promptlab.operator.support.MockCluster;
import dev.orbitar.promptlab.operator.support.OperatorTestBase;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sources.v1.PingSource;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A cluster that gets Knative while the operator runs: this class has its own mock server, without the Knative
 * CRDs until the test registers them.
 */
class KnativeMissingTest extends OperatorTestBase {

  @Test
  void scheduleProceedsOnceKnativeIsInstalled() {
    create("late", MockCluster.example("hourly-knative.yaml"));
    create("late", MockCluster.example("hourly.yaml"));

    Condition waiting = awaitReady("late", "hourly-knative", "KnativeNotInstalled");
    // The operator keeps running and reconciles CronJob schedules meanwhile.
    awaitCronJob("late", "hourly-prompt-lab");
    awaitReady("late", "hourly", "Reconciled");

    assertThat(waiting.getStatus()).isEqualTo("False");
    assertThat(waiting.getMessage()).contains("Knative Serving (serving.knative.dev/v1 Service)");
    assertThat(waiting.getMessage()).contains("Knative Eventing (sources.knative.dev/v1 PingSource)");

    cluster.installKnativeCrds();
    Service service = await().atMost(WAIT).until(() -> client().resources(Service.class).inNamespace("late")
        .withName("hourly-knative-prompt-lab").get(), Objects::nonNull);
    PingSource pingSource = await().atMost(WAIT).until(() -> client().resources(PingSource.class)
        .inNamespace("late").withName("hourly-knative-prompt-lab").get(), Objects::nonNull);
    Condition ready = awaitReady("late", "hourly-knative", "KnativeNotReady");

    assertThat(service.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo("hourly-knative");
    assertThat(pingSource.getSpec().getTimezone()).isEqualTo("Etc/UTC");
    assertThat(ready.getMessage()).contains("waiting for Knative to report Service hourly-knative-prompt-lab ready");
    assertThat(events("late", "KnativeNotInstalled")).hasSize(1);
    assertThat(cronJobs("late")).hasSize(1);
  }
}
