package dev.orbitar.promptlab.operator.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleStatus;
import dev.orbitar.promptlab.operator.api.ScheduleTarget;
import dev.orbitar.promptlab.operator.schedule.CronSchedule;
import dev.orbitar.promptlab.operator.schedule.NextRunCalculator;
import dev.orbitar.promptlab.operator.support.MockCluster;
import dev.orbitar.promptlab.operator.support.OperatorTestBase;
import io.fabric8.knative.pkg.apis.ConditionBuilder;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceStatus;
import io.fabric8.knative.sources.v1.PingSource;
import io.fabric8.knative.sources.v1.PingSourceStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KnativeTargetTest extends OperatorTestBase {

  private static final String NAME = "hourly-knative-prompt-lab";

  @BeforeAll
  static void installKnative() {
    cluster.installKnativeCrds();
  }

  @Test
  void createWritesServiceInServeMode() {
    create("serve", MockCluster.example("hourly-knative.yaml"));

    Service service = awaitService("serve");
    Container worker = service.getSpec().getTemplate().getSpec().getContainers().get(0);
    List<String> envNames = worker.getEnv().stream().map(EnvVar::getName).toList();

    assertThat(worker.getArgs()).containsExactly("serve");
    assertThat(service.getSpec().getTemplate().getSpec().getTimeoutSeconds()).isEqualTo(600L);
    assertThat(service.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("autoscaling.knative.dev/min-scale", "0");
    assertThat(envNames).contains("DATABASE_URL", "OPENROUTER_API_KEY", "LAB_BATCH_LIMIT").doesNotContain("PORT");
    assertThat(worker.getEnv().get(0).getValueFrom().getSecretKeyRef().getName()).isEqualTo("prompt-lab-db");
    assertThat(worker.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(worker.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(events("serve", "ServiceCreated")).hasSize(1);
  }

  @Test
  void createWritesPingSourceWithTimezone() {
    PromptLabSchedule schedule = MockCluster.example("nightly-berlin.yaml");
    schedule.getSpec().setTarget(ScheduleTarget.Knative);
    PromptLabSchedule created = create("ping", schedule);

    PingSource pingSource = await().atMost(WAIT).until(() -> pingSource("ping", "nightly-berlin-prompt-lab"),
        Objects::nonNull);
    OwnerReference owner = pingSource.getMetadata().getOwnerReferences().get(0);

    assertThat(pingSource.getSpec().getSchedule()).isEqualTo("30 2 * * *");
    assertThat(pingSource.getSpec().getTimezone()).isEqualTo("Europe/Berlin");
    assertThat(pingSource.getSpec().getData()).isEqualTo("{\"batchLimit\":200}");
    assertThat(pingSource.getSpec().getSink().getRef().getName()).isEqualTo("nightly-berlin-prompt-lab");
    assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();
  }

  @Test
  void readyKnativeMakesScheduleReady() throws Exception {
    create("ready", MockCluster.example("hourly-knative.yaml"));
    awaitService("ready");
    markReady("ready");

    awaitReady("ready", "hourly-knative", "Reconciled");
    PromptLabScheduleStatus status = schedule("ready", "hourly-knative").getStatus();
    Instant expected = NextRunCalculator.nextRun(CronSchedule.parse("0 * * * *"), ZoneId.of("Etc/UTC"),
        Instant.now().minusSeconds(5)).orElseThrow();

    assertThat(status.getKnative().getUrl()).isEqualTo("http://" + NAME + ".ready.example.com");
    assertThat(status.getKnative().getServiceReady()).isEqualTo("True");
    assertThat(status.getKnative().getPingSourceReady()).isEqualTo("True");
    assertThat(status.getNextScheduleTime()).isEqualTo(expected);
    assertThat(status.getCronJobName()).isNull();
  }

  @Test
  void failingServiceIsReported() {
    create("failing", MockCluster.example("hourly-knative.yaml"));
    awaitService("failing");
    client().resources(Service.class).inNamespace("failing").withName(NAME).editStatus(service -> {
      service.setStatus(new ServiceStatus());
      service.getStatus().setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus("False")
          .withReason("RevisionFailed").withMessage("image pull failed").build()));
      return service;
    });

    var condition = awaitReady("failing", "hourly-knative", "KnativeNotReady");

    assertThat(condition.getMessage()).isEqualTo("Service " + NAME + " is not ready: RevisionFailed: image pull failed");
  }

  @Test
  void switchToCronJobRemovesKnative() {
    create("to-cronjob", MockCluster.example("hourly-knative.yaml"));
    awaitService("to-cronjob");
    await().atMost(WAIT).until(() -> pingSource("to-cronjob", NAME), Objects::nonNull);

    edit("to-cronjob", "hourly-knative", spec -> spec.setTarget(ScheduleTarget.CronJob));
    awaitCronJob("to-cronjob", NAME);
    await().atMost(WAIT).until(() -> service("to-cronjob") == null && pingSource("to-cronjob", NAME) == null);
    awaitReady("to-cronjob", "hourly-knative", "Reconciled");

    assertThat(schedule("to-cronjob", "hourly-knative").getStatus().getKnative()).isNull();
    assertThat(events("to-cronjob", "ServiceDeleted")).hasSize(1);
    assertThat(events("to-cronjob", "PingSourceDeleted")).hasSize(1);
  }

  @Test
  void switchToKnativeRemovesCronJob() {
    create("to-knative", MockCluster.example("hourly.yaml"));
    awaitCronJob("to-knative", "hourly-prompt-lab");

    edit("to-knative", "hourly", spec -> spec.setTarget(ScheduleTarget.Knative));
    Service service = await().atMost(WAIT).until(() -> client().resources(Service.class)
        .inNamespace("to-knative").withName("hourly-prompt-lab").get(), Objects::nonNull);
    await().atMost(WAIT).until(() -> cronJobs("to-knative").isEmpty());

    assertThat(service.getMetadata().getName()).isEqualTo("hourly-prompt-lab");
    assertThat(pingSource("to-knative", "hourly-prompt-lab")).isNotNull();
    assertThat(events("to-knative", "CronJobDeleted")).hasSize(1);
  }

  @Test
  void suspendRemovesOnlyPingSource() {
    create("suspend", MockCluster.example("hourly-knative.yaml"));
    awaitService("suspend");
    markReady("suspend");
    awaitReady("suspend", "hourly-knative", "Reconciled");

    edit("suspend", "hourly-knative", spec -> spec.setSuspend(true));
    await().atMost(WAIT).until(() -> pingSource("suspend", NAME) == null);
    awaitReady("suspend", "hourly-knative", "Suspended");

    assertThat(service("suspend")).isNotNull();
    assertThat(schedule("suspend", "hourly-knative").getStatus().getNextScheduleTime()).isNull();
  }

  @Test
  void deleteLeavesKnativeToGarbageCollector() {
    PromptLabSchedule created = create("delete", MockCluster.example("hourly-knative.yaml"));
    awaitService("delete");
    await().atMost(WAIT).until(() -> pingSource("delete", NAME), Objects::nonNull);

    client().resource(created).delete();
    await().atMost(WAIT).until(() -> schedule("delete", "hourly-knative") == null);
    // The mock server has no garbage collector: delete what Kubernetes' collector would.
    client().resources(Service.class).inNamespace("delete").withName(NAME).delete();
    client().resources(PingSource.class).inNamespace("delete").withName(NAME).delete();

    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> service("delete") == null && pingSource("delete", NAME) == null);
    assertThat(service("delete")).isNull();
  }

  private static Service service(String namespace) {
    return client().resources(Service.class).inNamespace(namespace).withName(NAME).get();
  }

  private static PingSource pingSource(String namespace, String name) {
    return client().resources(PingSource.class).inNamespace(namespace).withName(name).get();
  }

  private static Service awaitService(String namespace) {
    return await().atMost(WAIT).until(() -> service(namespace), Objects::nonNull);
  }

  /** Writes what Knative's controllers write once the Service and PingSource work. */
  private static void markReady(String namespace) {
    await().atMost(WAIT).until(() -> pingSource(namespace, NAME), Objects::nonNull);
    client().resources(Service.class).inNamespace(namespace).withName(NAME).editStatus(service -> {
      service.setStatus(new ServiceStatus());
      service.getStatus().setUrl("http://" + NAME + "." + namespace + ".example.com");
      service.getStatus().setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus("True").build()));
      return service;
    });
    client().resources(PingSource.class).inNamespace(namespace).withName(NAME).editStatus(pingSource -> {
      pingSource.setStatus(new PingSourceStatus());
      pingSource.getStatus().setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus("True")
          .build()));
      return pingSource;
    });
  }
}
