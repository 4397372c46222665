package dev.orbitar.promptlab.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbitar.promptlab.operator.api.ConcurrencyPolicy;
import dev.orbitar.promptlab.operator.api.ImagePullPolicy;
import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleSpec;
import dev.orbitar.promptlab.operator.api.SecretKeyRef;
import dev.orbitar.promptlab.operator.dependents.CronJobDependent;
import dev.orbitar.promptlab.operator.dependents.OwnedFieldsMatcher;
import dev.orbitar.promptlab.operator.schedule.CronSchedule;
import dev.orbitar.promptlab.operator.schedule.NextRunCalculator;
import dev.orbitar.promptlab.operator.support.MockCluster;
import dev.orbitar.promptlab.operator.support.OperatorTestBase;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.zjsonpatch.JsonDiff;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScheduleLifecycleTest extends OperatorTestBase {

  @Test
  void createWritesCronJob() {
    create("create", MockCluster.example("hourly.yaml"));

    CronJob cronJob = awaitCronJob("create", "hourly-prompt-lab");
    PromptLabSchedule schedule = schedule("create", "hourly");

    assertThat(cronJob.getSpec().getSchedule()).isEqualTo("0 * * * *");
    assertThat(cronJob.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
    assertThat(OwnedFieldsMatcher.matches(cronJob, CronJobDependent.desiredCronJob(schedule))).isTrue();
    assertThat(awaitReady("create", "hourly", "Reconciled").getStatus()).isEqualTo("True");
  }

  @Test
  void createReportsStatus() {
    create("status", MockCluster.example("hourly.yaml"));
    awaitReady("status", "hourly", "Reconciled");

    PromptLabSchedule schedule = schedule("status", "hourly");
    Instant next = schedule.getStatus().getNextScheduleTime();

    assertThat(schedule.getStatus().getCronJobName()).isEqualTo("hourly-prompt-lab");
    assertThat(next).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
    assertThat(next.getEpochSecond() % 3600).isZero();
    assertThat(events("status", "CronJobCreated")).hasSize(1);
  }

  @Test
  void nightlyExampleUsesZone() throws Exception {
    create("nightly", MockCluster.example("nightly-berlin.yaml"));
    CronJob cronJob = awaitCronJob("nightly", "nightly-berlin-prompt-lab");
    awaitReady("nightly", "nightly-berlin", "Reconciled");

    Instant next = schedule("nightly", "nightly-berlin").getStatus().getNextScheduleTime();
    Instant expected = NextRunCalculator.nextRun(CronSchedule.parse("30 2 * * *"), ZoneId.of("Europe/Berlin"),
        next.minusSeconds(1)).orElseThrow();

    assertThat(cronJob.getSpec().getTimeZone()).isEqualTo("Europe/Berlin");
    assertThat(cronJob.getSpec().getJobTemplate().getSpec().getParallelism()).isEqualTo(2);
    assertThat(next).isEqualTo(expected);
    assertThat(next.atZone(ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(2);
  }

  @Test
  void suspendedExamplePassesThrough() {
    create("suspended", MockCluster.example("suspended.yaml"));
    CronJob cronJob = awaitCronJob("suspended", "weekly-paused-prompt-lab");
    awaitReady("suspended", "weekly-paused", "Suspended");

    assertThat(cronJob.getSpec().getSuspend()).isTrue();
    assertThat(schedule("suspended", "weekly-paused").getStatus().getNextScheduleTime()).isNull();
  }

  @Test
  void resumeClearsSuspend() {
    create("resume", MockCluster.example("suspended.yaml"));
    awaitReady("resume", "weekly-paused", "Suspended");

    edit("resume", "weekly-paused", spec -> spec.setSuspend(false));
    awaitReady("resume", "weekly-paused", "Reconciled");

    assertThat(cronJob("resume", "weekly-paused-prompt-lab").getSpec().getSuspend()).isFalse();
    assertThat(schedule("resume", "weekly-paused").getStatus().getNextScheduleTime()).isNotNull();
  }

  static Stream<Arguments> fieldChanges() {
    String container = "/jobTemplate/spec/template/spec/containers/0";
    String pod = "/jobTemplate/spec/template/spec";
    return Stream.of(
        change("schedule", spec -> spec.setSchedule("15 */2 * * *"), "/schedule"),
        change("time-zone", spec -> spec.setTimeZone("America/New_York"), "/timeZone"),
        change("batch-limit", spec -> spec.setBatchLimit(50), container + "/env"),
        change("suspend", spec -> spec.setSuspend(true), "/suspend"),
        change("concurrency-policy", spec -> spec.setConcurrencyPolicy(ConcurrencyPolicy.Replace),
            "/concurrencyPolicy"),
        change("starting-deadline", spec -> spec.setStartingDeadlineSeconds(120L), "/startingDeadlineSeconds"),
        change("success-history", spec -> spec.setSuccessfulJobsHistoryLimit(5), "/successfulJobsHistoryLimit"),
        change("failed-history", spec -> spec.setFailedJobsHistoryLimit(1), "/failedJobsHistoryLimit"),
        change("active-deadline", spec -> spec.setActiveDeadlineSeconds(600L),
            "/jobTemplate/spec/activeDeadlineSeconds"),
        change("backoff-limit", spec -> spec.setBackoffLimit(0), "/jobTemplate/spec/backoffLimit"),
        change("parallelism", spec -> spec.setParallelism(3), "/jobTemplate/spec/parallelism"),
        change("image", spec -> spec.getWorker().setImage("ghcr.io/example/prompt-lab-worker:1.1.0"),
            container + "/image"),
        change("pull-policy", spec -> spec.getWorker().setImagePullPolicy(ImagePullPolicy.Always),
            container + "/imagePullPolicy"),
        change("model", spec -> spec.getWorker().setModelName("anthropic/claude-3.5-haiku"), container + "/env"),
        change("concurrency", spec -> spec.getWorker().setConcurrency(8), container + "/env"),
        change("extra-env", spec -> spec.getWorker().setEnv(List.of(new EnvVar("LOG_LEVEL", "debug", null))),
            container + "/env"),
        change("resources", spec -> spec.getWorker().setResources(new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("250m")).addToLimits("memory", new Quantity("768Mi")).build()),
            container + "/resources"),
        change("service-account", spec -> spec.getWorker().setServiceAccountName("prompt-lab-worker"),
            pod + "/serviceAccountName"),
        change("node-selector", spec -> spec.getWorker().setNodeSelector(Map.of("pool", "batch")),
            pod + "/nodeSelector"),
        change("tolerations", spec -> spec.getWorker().setTolerations(List.of(new TolerationBuilder()
            .withKey("batch").withOperator("Exists").withEffect("NoSchedule").build())), pod + "/tolerations"),
        change("database-secret", spec -> spec.getWorker().setDatabaseUrlSecretRef(new SecretKeyRef("db-2", "dsn")),
            container + "/env"),
        change("api-key-removed", spec -> spec.getWorker().setOpenRouterApiKeySecretRef(null), container + "/env"));
  }

  private static Arguments change(String name, Consumer<PromptLabScheduleSpec> change, String changedPath) {
    return Arguments.of(name, change, changedPath);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fieldChanges")
  void updateChangesOnlyThatField(String name, Consumer<PromptLabScheduleSpec> change, String changedPath) {
    String namespace = "update-" + name;
    create(namespace, MockCluster.example("hourly.yaml"));
    awaitReady(namespace, "hourly", "Reconciled");
    CronJob before = cronJob(namespace, "hourly-prompt-lab");
    // Another tool's annotation, which an update must keep.
    client().batch().v1().cronjobs().inNamespace(namespace).withName("hourly-prompt-lab")
        .edit(cronJob -> {
          cronJob.getMetadata().getAnnotations().put("example.com/owner-team", "lab");
          return cronJob;
        });

    PromptLabSchedule updated = edit(namespace, "hourly", change);
    CronJob desired = CronJobDependent.desiredCronJob(updated);
    CronJob after = await().atMost(WAIT).until(() -> cronJob(namespace, "hourly-prompt-lab"),
        cronJob -> OwnedFieldsMatcher.matches(cronJob, desired));
    awaitObserved(namespace, "hourly");

    assertThat(changedPaths(before, after)).isNotEmpty().allMatch(path -> path.startsWith(changedPath));
    assertThat(after.getMetadata().getAnnotations()).containsEntry("example.com/owner-team", "lab");
    assertThat(events(namespace, "CronJobUpdated")).hasSize(1);
  }

  private static List<String> changedPaths(CronJob before, CronJob after) {
    var serialization = client().getKubernetesSerialization();
    JsonNode diff = JsonDiff.asJson(serialization.convertValue(before.getSpec(), JsonNode.class),
        serialization.convertValue(after.getSpec(), JsonNode.class));
    List<String> paths = new ArrayList<>();
    diff.forEach(operation -> paths.add(operation.get("path").asText()));
    return paths;
  }

  @Test
  void longNameGetsHashedCronJob() {
    String first = "nightly-benchmark-of-every-coding-template-against-real-samples-a";
    String second = "nightly-benchmark-of-every-coding-template-against-real-samples-b";
    for (String name : List.of(first, second)) {
      PromptLabSchedule schedule = MockCluster.example("hourly.yaml");
      schedule.getMetadata().setName(name);
      create("long", schedule);
    }
    awaitReady("long", first, "Reconciled");
    awaitReady("long", second, "Reconciled");

    String firstCronJob = schedule("long", first).getStatus().getCronJobName();
    String secondCronJob = schedule("long", second).getStatus().getCronJobName();

    assertThat(firstCronJob).hasSizeLessThanOrEqualTo(52);
    assertThat(firstCronJob).matches("nightly-benchmark-of-every-coding-template-[0-9a-f]{8}");
    assertThat(secondCronJob).isNotEqualTo(firstCronJob);
    assertThat(cronJobs("long")).hasSize(2);
  }

  @Test
  void deleteLeavesCronJobToGarbageCollector() {
    PromptLabSchedule created = create("delete", MockCluster.example("hourly.yaml"));
    CronJob cronJob = awaitCronJob("delete", "hourly-prompt-lab");
    OwnerReference owner = cronJob.getMetadata().getOwnerReferences().get(0);

    assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(owner.getKind()).isEqualTo("PromptLabSchedule");
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getBlockOwnerDeletion()).isTrue();

    client().resource(created).delete();
    // The mock server has no garbage collector: delete what Kubernetes' collector would, the objects whose
    // controller owner is gone.
    await().atMost(WAIT).until(() -> schedule("delete", "hourly") == null);
    cronJobs("delete").stream()
        .filter(job -> job.getMetadata().getOwnerReferences().stream()
            .anyMatch(reference -> reference.getUid().equals(created.getMetadata().getUid())))
        .forEach(job -> client().resource(job).delete());

    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> cronJobs("delete").isEmpty());
    assertThat(cronJobs("delete")).isEmpty();
  }
}
