package dev.orbitar.promptlab.operator.knative;

import dev.orbitar.promptlab.operator.api.ConcurrencyPolicy;
import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleSpec;
import dev.orbitar.promptlab.operator.api.WorkerSpec;
import dev.orbitar.promptlab.operator.dependents.CronJobDependent;
import dev.orbitar.promptlab.operator.dependents.OwnedDependent;
import dev.orbitar.promptlab.operator.dependents.OwnedFieldsMatcher;
import dev.orbitar.promptlab.operator.dependents.ResourceNames;
import dev.orbitar.promptlab.operator.dependents.ScheduleLabels;
import dev.orbitar.promptlab.operator.dependents.WorkerEnvironment;
import io.fabric8.knative.serving.v1.RevisionSpecBuilder;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Knative Serving Service that runs the worker in serve mode for a schedule whose target is Knative. It scales
 * to zero between batches; the PingSource's request starts a pod, which runs one batch and answers.
 *
 * <p>The pod is as restricted as the CronJob's, within what Knative accepts without feature flags: the pod-level
 * security context and {@code automountServiceAccountToken} are behind flags, so the non-root user, seccomp
 * profile and dropped capabilities are set on the container.
 */
@KubernetesDependent(
    useSSA = BooleanWithUndefined.FALSE,
    informer = @Informer(labelSelector = ScheduleLabels.MANAGED_SELECTOR, onUpdateFilter = ReadinessUpdateFilter.class))
public class KnativeServiceDependent extends OwnedDependent<Service> {

  /** The worker subcommand that serves batch requests over HTTP on $PORT. */
  public static final String WORKER_COMMAND = "serve";
  /** The port Knative sets as $PORT and routes requests to. */
  public static final int PORT = 8080;
  public static final String MIN_SCALE = "autoscaling.knative.dev/min-scale";
  public static final String MAX_SCALE = "autoscaling.knative.dev/max-scale";

  public KnativeServiceDependent() {
    super(Service.class, "Service");
  }

  @Override
  protected Service desired(PromptLabSchedule schedule, Context<PromptLabSchedule> context) {
    return desiredService(schedule);
  }

  /** Builds the desired Service of {@code schedule}; the spec is assumed valid. */
  public static Service desiredService(PromptLabSchedule schedule) {
    PromptLabScheduleSpec spec = schedule.getSpec();
    String scheduleName = schedule.getMetadata().getName();
    Map<String, String> labels = ScheduleLabels.forSchedule(scheduleName);

    Map<String, String> revisionAnnotations = new LinkedHashMap<>();
    revisionAnnotations.put(ScheduleLabels.SCHEDULE_ANNOTATION, scheduleName);
    revisionAnnotations.put(MIN_SCALE, "0");
    // The worker runs one batch at a time. With Forbid or Replace, a second ping waits for the running batch instead
    // of starting another pod. Knative cannot cancel a running request, so Replace behaves like Forbid.
    if (spec.getConcurrencyPolicy() != ConcurrencyPolicy.Allow) {
      revisionAnnotations.put(MAX_SCALE, "1");
    }

    RevisionSpecBuilder revision = new RevisionSpecBuilder()
        .withContainerConcurrency(1L)
        .withTimeoutSeconds(spec.getActiveDeadlineSeconds())
        .withServiceAccountName(spec.getWorker().getServiceAccountName())
        .withContainers(container(spec))
        .addNewVolume()
        .withName(CronJobDependent.TMP_VOLUME)
        .withNewEmptyDir().endEmptyDir()
        .endVolume();
    WorkerSpec worker = spec.getWorker();
    // Knative rejects these unless its kubernetes.podspec-nodeselector and -tolerations flags are on.
    if (worker.getNodeSelector() != null && !worker.getNodeSelector().isEmpty()) {
      revision.withNodeSelector(new LinkedHashMap<>(worker.getNodeSelector()));
    }
    if (worker.getTolerations() != null && !worker.getTolerations().isEmpty()) {
      revision.withTolerations(worker.getTolerations());
    }

    Service service = new ServiceBuilder()
        .withNewMetadata()
        .withName(ResourceNames.knativeName(scheduleName))
        .withNamespace(schedule.getMetadata().getNamespace())
        .withLabels(labels)
        .addToAnnotations(ScheduleLabels.SCHEDULE_ANNOTATION, scheduleName)
        .withOwnerReferences(ScheduleLabels.controllerReference(schedule))
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(revisionAnnotations)
        .endMetadata()
        .withSpec(revision.build())
        .endTemplate()
        .endSpec()
        .build();

    service.getMetadata().getAnnotations()
        .put(ScheduleLabels.DESIRED_HASH_ANNOTATION, OwnedFieldsMatcher.desiredHash(service));
    return service;
  }

  private static Container container(PromptLabScheduleSpec spec) {
    WorkerSpec worker = spec.getWorker();
    ContainerBuilder container = new ContainerBuilder()
        .withName(CronJobDependent.CONTAINER_NAME)
        .withImage(worker.getImage())
        .withArgs(List.of(WORKER_COMMAND))
        .withEnv(WorkerEnvironment.forSpec(spec))
        .addNewPort()
        .withName("http1")
        .withContainerPort(PORT)
        .endPort()
        .withNewReadinessProbe()
        .withNewHttpGet().withPath("/health").endHttpGet()
        .endReadinessProbe()
        .withSecurityContext(new SecurityContextBuilder()
            .withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withRunAsNonRoot(true)
            .withRunAsUser(CronJobDependent.WORKER_USER_ID)
            .withRunAsGroup(CronJobDependent.WORKER_USER_ID)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
            .withNewCapabilities().withDrop("ALL").endCapabilities()
            .build())
        .addNewVolumeMount()
        .withName(CronJobDependent.TMP_VOLUME)
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
