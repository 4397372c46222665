package dev.orbitar.promptlab.operator.dependents;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleSpec;
import dev.orbitar.promptlab.operator.api.WorkerSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CronJob that runs the batches of a schedule whose target is CronJob. It is removed when the target changes
 * to Knative.
 */
@KubernetesDependent(
    useSSA = BooleanWithUndefined.FALSE,
    informer = @Informer(labelSelector = ScheduleLabels.MANAGED_SELECTOR, onUpdateFilter = CronJobUpdateFilter.class))
public class CronJobDependent extends OwnedDependent<CronJob> {

  /** Name of the worker container, whose termination message carries the batch summary. */
  public static final String CONTAINER_NAME = "worker";
  /** The worker subcommand that runs one batch and exits. */
  public static final String WORKER_COMMAND = "run-batch";
  public static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";

  /** Non-root user and group the worker runs as; the restricted pod security standard forbids root. */
  public static final long WORKER_USER_ID = 10001L;
  public static final String TMP_VOLUME = "tmp";

  public CronJobDependent() {
    super(CronJob.class, "CronJob");
  }

  @Override
  protected CronJob desired(PromptLabSchedule schedule, Context<PromptLabSchedule> context) {
    return desiredCronJob(schedule);
  }

  /** Builds the desired CronJob of {@code schedule}; the spec is assumed valid. */
  public static CronJob desiredCronJob(PromptLabSchedule schedule) {
    PromptLabScheduleSpec spec = schedule.getSpec();
    String scheduleName = schedule.getMetadata().getName();
    Map<String, String> labels = ScheduleLabels.forSchedule(scheduleName);
    Map<String, String> annotations = Map.of(ScheduleLabels.SCHEDULE_ANNOTATION, scheduleName);

    CronJob cronJob = new CronJobBuilder()
        .withNewMetadata()
        .withName(ResourceNames.cronJobName(scheduleName))
        .withNamespace(schedule.getMetadata().getNamespace())
        .withLabels(labels)
        .addToAnnotations(ScheduleLabels.SCHEDULE_ANNOTATION, scheduleName)
        .withOwnerReferences(ScheduleLabels.controllerReference(schedule))
        .endMetadata()
        .withNewSpec()
        .withSchedule(spec.getSchedule().trim())
        .withTimeZone(Objects.requireNonNullElse(spec.getTimeZone(), PromptLabScheduleSpec.DEFAULT_TIME_ZONE))
        .withSuspend(Boolean.TRUE.equals(spec.getSuspend()))
        .withConcurrencyPolicy(String.valueOf(spec.getConcurrencyPolicy()))
        .withStartingDeadlineSeconds(spec.getStartingDeadlineSeconds())
        .withSuccessfulJobsHistoryLimit(spec.getSuccessfulJobsHistoryLimit())
        .withFailedJobsHistoryLimit(spec.getFailedJobsHistoryLimit())
        .withNewJobTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withSpec(jobSpec(spec, labels, annotations))
        .endJobTemplate()
        .endSpec()
        .build();

    cronJob.getMetadata().getAnnotations()
        .put(ScheduleLabels.DESIRED_HASH_ANNOTATION, OwnedFieldsMatcher.desiredHash(cronJob));
    return cronJob;
  }

  private static JobSpec jobSpec(PromptLabScheduleSpec spec, Map<String, String> labels,
      Map<String, String> annotations) {
    // Completions stay unset: with parallelism above 1 the pods share one batch through task leases, and the Job
    // completes once one pod succeeds and the others have finished.
    return new JobSpecBuilder()
        .withParallelism(spec.getParallelism())
        .withBackoffLimit(spec.getBackoffLimit())
        .withActiveDeadlineSeconds(spec.getActiveDeadlineSeconds())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withSpec(podSpec(spec))
        .endTemplate()
        .build();
  }

  private static PodSpec podSpec(PromptLabScheduleSpec spec) {
    WorkerSpec worker = spec.getWorker();
    PodSpecBuilder pod = new PodSpecBuilder()
        .withRestartPolicy("Never")
        .withServiceAccountName(worker.getServiceAccountName())
        // The worker never calls the Kubernetes API, so it gets no token.
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(new PodSecurityContextBuilder()
            .withRunAsNonRoot(true)
            .withRunAsUser(WORKER_USER_ID)
            .withRunAsGroup(WORKER_USER_ID)
            .withFsGroup(WORKER_USER_ID)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
            .build())
        .withContainers(container(spec))
        .addNewVolume()
        .withName(TMP_VOLUME)
        .withNewEmptyDir().endEmptyDir()
        .endVolume();

    if (worker.getNodeSelector() != null && !worker.getNodeSelector().isEmpty()) {
      pod.withNodeSelector(new LinkedHashMap<>(worker.getNodeSelector()));
    }
    if (worker.getTolerations() != null && !worker.getTolerations().isEmpty()) {
      pod.withTolerations(worker.getTolerations());
    }
    return pod.build();
  }

  private static Container container(PromptLabScheduleSpec spec) {
    WorkerSpec worker = spec.getWorker();
    ContainerBuilder container = new ContainerBuilder()
        .withName(CONTAINER_NAME)
        .withImage(worker.getImage())
        .withArgs(List.of(WORKER_COMMAND))
        .withEnv(WorkerEnvironment.forJobPod(spec))
        // The worker writes its one-line JSON summary here; the tail of its log is used instead when it crashed first.
        .withTerminationMessagePath(TERMINATION_MESSAGE_PATH)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withSecurityContext(new SecurityContextBuilder()
            .withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withRunAsNonRoot(true)
            .withNewCapabilities().withDrop("ALL").endCapabilities()
            .build())
        .addNewVolumeMount()
        .withName(TMP_VOLUME)
        .withMountPath("/tmp")
        .endVolumeMount();

    if (worker.getImagePullPolicy() != null) {
      container.withImagePullPolicy(worker.getImagePullPolicy().name());
    }
    if (worker.getResources() != null) {
      container.withResources(worker.getResources());
    }
    return container.build();
  }
}
