package dev.orbitar.promptlab.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.dependents.CronJobDependent;
import dev.orbitar.promptlab.operator.dependents.OwnedFieldsMatcher;
import dev.orbitar.promptlab.operator.support.MockCluster;
import dev.orbitar.promptlab.operator.support.OperatorTestBase;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyStateTest extends OperatorTestBase {

  @Test
  void restartWritesNothing() throws Exception {
    create("quiet", MockCluster.example("hourly.yaml"));
    create("quiet", MockCluster.example("nightly-berlin.yaml"));
    create("quiet", MockCluster.example("suspended.yaml"));
    create("quiet", MockCluster.example("invalid-cron.yaml"));
    awaitReady("quiet", "hourly", "Reconciled");
    awaitReady("quiet", "nightly-berlin", "Reconciled");
    awaitReady("quiet", "weekly-paused", "Suspended");
    awaitReady("quiet", "broken-cron", "InvalidSchedule");

    cluster.stopOperator();
    cluster.drainRequests();
    double before = successfulReconciles();
    cluster.startOperator();
    // Every schedule in the cluster is reconciled once at start; four are in this test's namespace.
    await().atMost(WAIT).until(() -> successfulReconciles() - before >= 4);
    List<String> writes = MockCluster.writes(cluster.drainRequests());

    assertThat(writes).isEmpty();
  }

  @Test
  void cronJobTickOnlyPatchesStatus() throws Exception {
    create("tick", MockCluster.example("hourly.yaml"));
    awaitReady("tick", "hourly", "Reconciled");
    cluster.drainRequests();

    String scheduled = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString();
    // What the CronJob controller writes when it starts a Job.
    client().batch().v1().cronjobs().inNamespace("tick").withName("hourly-prompt-lab").editStatus(cronJob -> {
      cronJob.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus());
      cronJob.getStatus().setLastScheduleTime(scheduled);
      cronJob.getStatus().setActive(List.of(new ObjectReferenceBuilder().withKind("Job")
          .withName("hourly-prompt-lab-29000000").withNamespace("tick").build()));
      return cronJob;
    });
    PromptLabSchedule schedule = await().atMost(WAIT).until(() -> schedule("tick", "hourly"),
        current -> current.getStatus().getLastScheduleTime() != null);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    List<String> writes = MockCluster.writes(cluster.drainRequests());

    assertThat(schedule.getStatus().getLastScheduleTime()).isEqualTo(Instant.parse(scheduled));
    assertThat(schedule.getStatus().getActiveJobs()).containsExactly("hourly-prompt-lab-29000000");
    assertThat(writes).hasSize(2);
    assertThat(writes.get(0)).startsWith("PATCH /apis/batch/v1/namespaces/tick/cronjobs/hourly-prompt-lab/status");
    assertThat(writes.get(1))
        .startsWith("PATCH /apis/promptlab.orbitar.dev/v1alpha1/namespaces/tick/promptlabschedules/hourly/status");
  }

  @Test
  void conflictIsRetried() throws Exception {
    create("conflict", MockCluster.example("hourly.yaml"));
    awaitReady("conflict", "hourly", "Reconciled");
    String path = "/apis/batch/v1/namespaces/conflict/cronjobs/hourly-prompt-lab";
    cluster.server().expect().put().withPath(path)
        .andReturn(409, new StatusBuilder().withStatus("Failure").withReason("Conflict").withCode(409)
            .withMessage("Operation cannot be fulfilled on cronjobs.batch \"hourly-prompt-lab\": the object has been "
                + "modified; please apply your changes to the latest version and try again")
            .build())
        .once();
    cluster.drainRequests();

    PromptLabSchedule updated = edit("conflict", "hourly", spec -> spec.setBatchLimit(77));
    CronJob desired = CronJobDependent.desiredCronJob(updated);
    await().atMost(WAIT).until(() -> cronJob("conflict", "hourly-prompt-lab"),
        cronJob -> OwnedFieldsMatcher.matches(cronJob, desired));
    awaitReady("conflict", "hourly", "Reconciled");
    List<String> puts = MockCluster.writes(cluster.drainRequests()).stream()
        .filter(write -> write.equals("PUT " + path))
        .toList();

    assertThat(puts).hasSize(2);
    assertThat(events("conflict", "ReconcileFailed")).isEmpty();
  }

  @Test
  void deletedCronJobIsRecreated() {
    create("recreate", MockCluster.example("hourly.yaml"));
    CronJob original = awaitCronJob("recreate", "hourly-prompt-lab");
    awaitReady("recreate", "hourly", "Reconciled");

    client().resource(original).delete();
    CronJob recreated = await().atMost(WAIT).until(() -> cronJob("recreate", "hourly-prompt-lab"),
        cronJob -> cronJob != null && !cronJob.getMetadata().getUid().equals(original.getMetadata().getUid()));

    assertThat(recreated.getSpec().getSchedule()).isEqualTo("0 * * * *");
  }

  @Test
  void handEditIsReverted() {
    create("drift", MockCluster.example("hourly.yaml"));
    awaitReady("drift", "hourly", "Reconciled");

    client().batch().v1().cronjobs().inNamespace("drift").withName("hourly-prompt-lab").edit(cronJob -> {
      cronJob.getSpec().setSchedule("*/5 * * * *");
      return cronJob;
    });
    CronJob reverted = await().atMost(WAIT).until(() -> cronJob("drift", "hourly-prompt-lab"),
        cronJob -> cronJob.getSpec().getSchedule().equals("0 * * * *"));

    assertThat(reverted.getSpec().getSchedule()).isEqualTo("0 * * * *");
  }
}
