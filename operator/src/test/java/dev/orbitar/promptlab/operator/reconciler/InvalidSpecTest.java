package dev.orbitar.promptlab.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.ScheduleTarget;
import dev.orbitar.promptlab.operator.support.MockCluster;
import dev.orbitar.promptlab.operator.support.OperatorTestBase;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidSpecTest extends OperatorTestBase {

  @Test
  void invalidCronExampleCreatesNothing() {
    create("bad-cron", MockCluster.example("invalid-cron.yaml"));

    Condition ready = awaitReady("bad-cron", "broken-cron", "InvalidSchedule");
    List<Event> warnings = events("bad-cron", "InvalidSchedule");

    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getMessage()).contains("\"61 * * * *\"");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getType()).isEqualTo("Warning");
    assertThat(cronJobs("bad-cron")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"+05:30", "UTC+8", "GMT-3", "Mars/Olympus_Mons"})
  void invalidZoneCreatesNothing(String zone) {
    String namespace = "zone-" + Math.abs(zone.hashCode());
    PromptLabSchedule schedule = MockCluster.example("hourly.yaml");
    schedule.getSpec().setTimeZone(zone);
    create(namespace, schedule);

    Condition ready = awaitReady(namespace, "hourly", "InvalidTimeZone");

    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getMessage()).contains("\"" + zone + "\"");
    assertThat(events(namespace, "InvalidTimeZone")).hasSize(1);
    assertThat(cronJobs(namespace)).isEmpty();
  }

  @Test
  void timeZonePrefixIsRejected() {
    PromptLabSchedule schedule = MockCluster.example("hourly.yaml");
    schedule.getSpec().setSchedule("CRON_TZ=Europe/Berlin 0 * * * *");
    create("tz-prefix", schedule);

    Condition ready = awaitReady("tz-prefix", "hourly", "InvalidSchedule");

    assertThat(ready.getMessage()).contains("spec.timeZone");
    assertThat(cronJobs("tz-prefix")).isEmpty();
  }

  @Test
  void knativeTargetWaitsForKnative() {
    PromptLabSchedule schedule = MockCluster.example("hourly.yaml");
    schedule.getSpec().setTarget(ScheduleTarget.Knative);
    create("knative", schedule);

    Condition ready = awaitReady("knative", "hourly", "KnativeNotInstalled");

    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getMessage()).contains("install Knative Serving and Knative Eventing");
    assertThat(events("knative", "KnativeNotInstalled")).hasSize(1);
    assertThat(cronJobs("knative")).isEmpty();
  }

  @Test
  void reservedEnvIsRejected() {
    PromptLabSchedule schedule = MockCluster.example("hourly.yaml");
    schedule.getSpec().getWorker().setEnv(List.of(new io.fabric8.kubernetes.api.model.EnvVar("DATABASE_URL", "x",
        null)));
    create("reserved-env", schedule);

    Condition ready = awaitReady("reserved-env", "hourly", "InvalidSpec");

    assertThat(ready.getMessage()).contains("DATABASE_URL");
    assertThat(cronJobs("reserved-env")).isEmpty();
  }

  @Test
  void invalidUpdateKeepsCronJob() throws Exception {
    create("bad-update", MockCluster.example("hourly.yaml"));
    awaitReady("bad-update", "hourly", "Reconciled");
    CronJob before = cronJob("bad-update", "hourly-prompt-lab");
    cluster.drainRequests();

    edit("bad-update", "hourly", spec -> {
      spec.setSchedule("0 25 * * *");
      spec.setBatchLimit(99);
    });
    Condition ready = awaitReady("bad-update", "hourly", "InvalidSchedule");
    CronJob after = cronJob("bad-update", "hourly-prompt-lab");
    List<String> cronJobWrites = MockCluster.writes(cluster.drainRequests()).stream()
        .filter(write -> write.contains("/cronjobs"))
        .toList();

    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(cronJobWrites).isEmpty();
    assertThat(schedule("bad-update", "hourly").getStatus().getNextScheduleTime())
        .as("the next run of the CronJob still in place").isNotNull();
  }

  @Test
  void fixedSpecRecovers() {
    create("fixed", MockCluster.example("invalid-cron.yaml"));
    Condition invalid = awaitReady("fixed", "broken-cron", "InvalidSchedule");

    edit("fixed", "broken-cron", spec -> spec.setSchedule("1 * * * *"));
    Condition ready = awaitReady("fixed", "broken-cron", "Reconciled");

    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getLastTransitionTime()).isGreaterThanOrEqualTo(invalid.getLastTransitionTime());
    assertThat(awaitCronJob("fixed", "broken-cron-prompt-lab").getSpec().getSchedule()).isEqualTo("1 * * * *");
  }
}
