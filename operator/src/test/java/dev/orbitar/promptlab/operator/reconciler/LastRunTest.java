package dev.orbitar.promptlab.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orbitar.promptlab.operator.api.LastRun;
import dev.orbitar.promptlab.operator.dependents.ScheduleLabels;
import dev.orbitar.promptlab.operator.support.MockCluster;
import dev.orbitar.promptlab.operator.support.OperatorTestBase;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LastRunTest extends OperatorTestBase {

  private static final String SUMMARY =
      "{\"batchId\":\"b-20260601-1\",\"runsCreated\":20,\"scoresCreated\":20,\"failures\":0}";

  @Test
  void completedJobFillsLastRun() {
    create("last-run", MockCluster.example("hourly.yaml"));
    CronJob cronJob = awaitCronJob("last-run", "hourly-prompt-lab");
    awaitReady("last-run", "hourly", "Reconciled");

    Job job = client().resource(job(cronJob, "hourly-prompt-lab-29100000")).create();
    client().resource(pod(job, "hourly-prompt-lab-29100000-x7k2p", SUMMARY)).create();
    finish(job, "Complete", "2026-06-01T10:02:13Z");

    LastRun lastRun = await().atMost(WAIT).until(() -> schedule("last-run", "hourly").getStatus().getLastRun(),
        run -> run != null);
    List<Event> events = events("last-run", "BatchSucceeded");

    assertThat(lastRun.getJobName()).isEqualTo("hourly-prompt-lab-29100000");
    assertThat(lastRun.getSucceeded()).isTrue();
    assertThat(lastRun.getBatchId()).isEqualTo("b-20260601-1");
    assertThat(lastRun.getRunsCreated()).isEqualTo(20);
    assertThat(lastRun.getScoresCreated()).isEqualTo(20);
    assertThat(lastRun.getFailures()).isZero();
    assertThat(lastRun.getFinishedAt()).isEqualTo(Instant.parse("2026-06-01T10:02:13Z"));
    assertThat(events).hasSize(1);
  }

  @Test
  void failedJobSumsPods() {
    create("failed-run", MockCluster.example("hourly.yaml"));
    CronJob cronJob = awaitCronJob("failed-run", "hourly-prompt-lab");
    awaitReady("failed-run", "hourly", "Reconciled");

    Job job = client().resource(job(cronJob, "hourly-prompt-lab-29100060")).create();
    client().resource(pod(job, "hourly-prompt-lab-29100060-aaaaa",
        "{\"batchId\":\"b-2\",\"runsCreated\":7,\"scoresCreated\":6,\"failures\":1}")).create();
    client().resource(pod(job, "hourly-prompt-lab-29100060-bbbbb",
        "Exception in thread main\n{\"batchId\":\"b-2\",\"runsCreated\":3,\"scoresCreated\":3,\"failures\":2}"))
        .create();
    finish(job, "Failed", "2026-06-01T11:05:00Z");

    LastRun lastRun = await().atMost(WAIT).until(() -> schedule("failed-run", "hourly").getStatus().getLastRun(),
        run -> run != null);

    assertThat(lastRun.getSucceeded()).isFalse();
    assertThat(lastRun.getRunsCreated()).isEqualTo(10);
    assertThat(lastRun.getScoresCreated()).isEqualTo(9);
    assertThat(lastRun.getFailures()).isEqualTo(3);
    assertThat(lastRun.getMessage()).contains("BackoffLimitExceeded");
    assertThat(events("failed-run", "BatchFailed")).hasSize(1);
  }

  /** Builds a Job as the CronJob controller creates it from the job template. */
  private static Job job(CronJob cronJob, String name) {
    var template = cronJob.getSpec().getJobTemplate();
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(cronJob.getMetadata().getNamespace())
        .withLabels(template.getMetadata().getLabels())
        .withAnnotations(template.getMetadata().getAnnotations())
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("CronJob")
            .withName(cronJob.getMetadata().getName()).withUid(cronJob.getMetadata().getUid()).withController(true)
            .build())
        .endMetadata()
        .withSpec(template.getSpec())
        .build();
  }

  /** Builds a finished worker pod whose container wrote {@code message} as its termination message. */
  private static Pod pod(Job job, String name, String message) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(job.getMetadata().getNamespace())
        .addToLabels("job-name", job.getMetadata().getName())
        .addToLabels(ScheduleLabels.MANAGED_BY, ScheduleLabels.OPERATOR_NAME)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
            .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid()).withController(true).build())
        .endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .withNewStatus()
        .withPhase("Succeeded")
        .withContainerStatuses(new ContainerStatusBuilder()
            .withName("worker")
            .withNewState().withNewTerminated().withExitCode(0).withMessage(message)
            .withFinishedAt("2026-06-01T10:02:12Z").endTerminated().endState()
            .build())
        .endStatus()
        .build();
  }

  /** Marks the Job finished, as the Job controller does. */
  private static void finish(Job job, String conditionType, String at) {
    client().batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
        .editStatus(current -> {
          current.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatus());
          current.getStatus().setStartTime("2026-06-01T10:00:00Z");
          if (conditionType.equals("Complete")) {
            current.getStatus().setCompletionTime(at);
            current.getStatus().setSucceeded(1);
          } else {
            current.getStatus().setFailed(3);
          }
          current.getStatus().setConditions(List.of(new JobConditionBuilder().withType(conditionType)
              .withStatus("True").withLastTransitionTime(at)
              .withReason(conditionType.equals("Failed") ? "BackoffLimitExceeded" : null).build()));
          return current;
        });
  }
}
