package dev.orbitar.promptlab.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.support.MockCluster;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CronJobDependentTest {

  private PromptLabSchedule schedule;
  private CronJob cronJob;
  private PodSpec pod;
  private Container container;

  @BeforeEach
  void build() {
    schedule = MockCluster.example("nightly-berlin.yaml");
    schedule.getMetadata().setNamespace("prompt-lab");
    schedule.getMetadata().setUid("5b0c8a5e-1111-4222-8333-944455556666");
    cronJob = CronJobDependent.desiredCronJob(schedule);
    pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    container = pod.getContainers().get(0);
  }

  private Map<String, EnvVar> env() {
    return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, variable -> variable));
  }

  @Test
  void nameAndNamespace() {
    assertThat(cronJob.getMetadata().getName()).isEqualTo("nightly-berlin-prompt-lab");
    assertThat(cronJob.getMetadata().getNamespace()).isEqualTo("prompt-lab");
  }

  @Test
  void controllerOwnerReference() {
    OwnerReference owner = cronJob.getMetadata().getOwnerReferences().get(0);

    assertThat(owner.getApiVersion()).isEqualTo("promptlab.orbitar.dev/v1alpha1");
    assertThat(owner.getKind()).isEqualTo("PromptLabSchedule");
    assertThat(owner.getName()).isEqualTo("nightly-berlin");
    assertThat(owner.getUid()).isEqualTo("5b0c8a5e-1111-4222-8333-944455556666");
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getBlockOwnerDeletion()).isTrue();
  }

  @Test
  void recommendedLabelsEverywhere() {
    Map<String, String> labels = cronJob.getMetadata().getLabels();

    assertThat(labels).containsEntry("app.kubernetes.io/name", "prompt-lab-worker");
    assertThat(labels).containsEntry("app.kubernetes.io/instance", "nightly-berlin");
    assertThat(labels).containsEntry("app.kubernetes.io/managed-by", "prompt-lab-operator");
    assertThat(labels).containsEntry("app.kubernetes.io/part-of", "prompt-lab");
    assertThat(cronJob.getSpec().getJobTemplate().getMetadata().getLabels()).isEqualTo(labels);
    assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels())
        .isEqualTo(labels);
    assertThat(cronJob.getSpec().getJobTemplate().getMetadata().getAnnotations())
        .containsEntry(ScheduleLabels.SCHEDULE_ANNOTATION, "nightly-berlin");
  }

  @Test
  void scheduleFields() {
    assertThat(cronJob.getSpec().getSchedule()).isEqualTo("30 2 * * *");
    assertThat(cronJob.getSpec().getTimeZone()).isEqualTo("Europe/Berlin");
    assertThat(cronJob.getSpec().getSuspend()).isFalse();
    assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(cronJob.getSpec().getStartingDeadlineSeconds()).isEqualTo(300L);
    assertThat(cronJob.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
    assertThat(cronJob.getSpec().getFailedJobsHistoryLimit()).isEqualTo(3);
  }

  @Test
  void jobFields() {
    var job = cronJob.getSpec().getJobTemplate().getSpec();

    assertThat(job.getParallelism()).isEqualTo(2);
    assertThat(job.getCompletions()).isNull();
    assertThat(job.getBackoffLimit()).isEqualTo(2);
    assertThat(job.getActiveDeadlineSeconds()).isEqualTo(7200L);
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
  }

  @Test
  void workerCommandAndImage() {
    assertThat(container.getName()).isEqualTo("worker");
    assertThat(container.getImage()).isEqualTo("ghcr.io/example/prompt-lab-worker:1.0.0");
    assertThat(container.getArgs()).containsExactly("run-batch");
  }

  @Test
  void environmentFromSpec() {
    Map<String, EnvVar> env = env();

    assertThat(env.get("LAB_BATCH_LIMIT").getValue()).isEqualTo("200");
    assertThat(env.get("LAB_MODEL_NAME").getValue()).isEqualTo("openai/gpt-4o-mini");
    assertThat(env.get("LAB_CONCURRENCY").getValue()).isEqualTo("4");
    assertThat(env.get("LAB_DATA_DIR").getValue()).isEqualTo("/tmp/prompt-lab");
  }

  @Test
  void secretsByReference() {
    Map<String, EnvVar> env = env();
    var database = env.get("DATABASE_URL");
    var apiKey = env.get("OPENROUTER_API_KEY");

    assertThat(database.getValue()).isNull();
    assertThat(database.getValueFrom().getSecretKeyRef().getName()).isEqualTo("prompt-lab-db");
    assertThat(database.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("url");
    assertThat(apiKey.getValue()).isNull();
    assertThat(apiKey.getValueFrom().getSecretKeyRef().getName()).isEqualTo("prompt-lab-openrouter");
    assertThat(apiKey.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("apiKey");
  }

  @Test
  void optionalEnvLeftOut() {
    PromptLabSchedule minimal = MockCluster.example("suspended.yaml");
    minimal.getMetadata().setNamespace("prompt-lab");
    Container worker = CronJobDependent.desiredCronJob(minimal).getSpec().getJobTemplate().getSpec().getTemplate()
        .getSpec().getContainers().get(0);

    assertThat(worker.getEnv()).extracting(EnvVar::getName)
        .containsExactly("DATABASE_URL", "LAB_BATCH_LIMIT", "LAB_MAX_SAFE", "LAB_DATA_DIR", "LAB_JOB_NAME",
            "LAB_POD_NAME", "LAB_POD_NAMESPACE");
  }

  @Test
  void jobNameFromPodLabel() {
    EnvVar jobName = env().get("LAB_JOB_NAME");

    assertThat(jobName.getValue()).isNull();
    assertThat(jobName.getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.labels['batch.kubernetes.io/job-name']");
  }

  @Test
  void podNameFromMetadata() {
    EnvVar podName = env().get("LAB_POD_NAME");

    assertThat(podName.getValue()).isNull();
    assertThat(podName.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
  }

  @Test
  void podNamespaceFromMetadata() {
    EnvVar podNamespace = env().get("LAB_POD_NAMESPACE");

    assertThat(podNamespace.getValue()).isNull();
    assertThat(podNamespace.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
  }

  @Test
  void userEnvLast() {
    schedule.getSpec().getWorker().setEnv(List.of(new EnvVar("JAVA_TOOL_OPTIONS", "-Xss512k", null)));
    List<String> names = CronJobDependent.desiredCronJob(schedule).getSpec().getJobTemplate().getSpec().getTemplate()
        .getSpec().getContainers().get(0).getEnv().stream().map(EnvVar::getName).toList();

    assertThat(names).endsWith("LAB_JOB_NAME", "LAB_POD_NAME", "LAB_POD_NAMESPACE", "JAVA_TOOL_OPTIONS");
  }

  @Test
  void maxSafeKeepsWorkerDefault() {
    schedule.getSpec().setBatchLimit(20);

    assertThat(maxSafe(schedule)).isEqualTo("200");
  }

  @Test
  void maxSafeAtWorkerDefault() {
    assertThat(env().get("LAB_MAX_SAFE").getValue()).isEqualTo("200");
  }

  @Test
  void maxSafeFollowsLargeBatchLimit() {
    schedule.getSpec().setBatchLimit(500);

    assertThat(maxSafe(schedule)).isEqualTo("500");
  }

  @Test
  void maxSafeAtCrdMaximum() {
    schedule.getSpec().setBatchLimit(1000);

    assertThat(maxSafe(schedule)).isEqualTo("1000");
  }

  private static String maxSafe(PromptLabSchedule schedule) {
    return CronJobDependent.desiredCronJob(schedule).getSpec().getJobTemplate().getSpec().getTemplate().getSpec()
        .getContainers().get(0).getEnv().stream()
        .filter(variable -> variable.getName().equals("LAB_MAX_SAFE"))
        .findFirst().orElseThrow().getValue();
  }

  @Test
  void terminationMessage() {
    assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(container.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
  }

  @Test
  void restrictedPodSecurity() {
    var podSecurity = pod.getSecurityContext();
    var containerSecurity = container.getSecurityContext();

    assertThat(podSecurity.getRunAsNonRoot()).isTrue();
    assertThat(podSecurity.getRunAsUser()).isPositive();
    assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(containerSecurity.getAllowPrivilegeEscalation()).isFalse();
    assertThat(containerSecurity.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(containerSecurity.getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void writableTmpVolume() {
    assertThat(pod.getVolumes()).hasSize(1);
    assertThat(pod.getVolumes().get(0).getEmptyDir()).isNotNull();
    assertThat(container.getVolumeMounts().get(0).getMountPath()).isEqualTo("/tmp");
    assertThat(container.getVolumeMounts().get(0).getName()).isEqualTo(pod.getVolumes().get(0).getName());
  }

  @Test
  void resourcesPassThrough() {
    assertThat(container.getResources().getRequests().get("cpu").toString()).isEqualTo("500m");
    assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
  }

  @Test
  void hashFollowsSpec() {
    String hash = cronJob.getMetadata().getAnnotations().get(ScheduleLabels.DESIRED_HASH_ANNOTATION);
    schedule.getSpec().setBatchLimit(201);
    String changed = CronJobDependent.desiredCronJob(schedule).getMetadata().getAnnotations()
        .get(ScheduleLabels.DESIRED_HASH_ANNOTATION);

    assertThat(hash).hasSize(16);
    assertThat(changed).isNotEqualTo(hash);
  }

  @Test
  void desiredIsDeterministic() {
    assertThat(CronJobDependent.desiredCronJob(schedule)).isEqualTo(cronJob);
  }
}
