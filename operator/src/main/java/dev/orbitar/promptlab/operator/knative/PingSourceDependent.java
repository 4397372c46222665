package dev.orbitar.promptlab.operator.knative;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleSpec;
import dev.orbitar.promptlab.operator.dependents.OwnedDependent;
import dev.orbitar.promptlab.operator.dependents.OwnedFieldsMatcher;
import dev.orbitar.promptlab.operator.dependents.ResourceNames;
import dev.orbitar.promptlab.operator.dependents.ScheduleLabels;
import io.fabric8.knative.sources.v1.PingSource;
import io.fabric8.knative.sources.v1.PingSourceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Objects;

/**
 * The Knative Eventing PingSource that sends the schedule's Service one CloudEvent per scheduled time, with the
 * batch limit as its data. The time zone is always set, so the schedule never depends on the zone of Knative's
 * ping adapter.
 */
@KubernetesDependent(
    useSSA = BooleanWithUndefined.FALSE,
    informer = @Informer(labelSelector = ScheduleLabels.MANAGED_SELECTOR, onUpdateFilter = ReadinessUpdateFilter.class))
public class PingSourceDependent extends OwnedDependent<PingSource> {

  public PingSourceDependent() {
    super(PingSource.class, "PingSource");
  }

  @Override
  protected PingSource desired(PromptLabSchedule schedule, Context<PromptLabSchedule> context) {
    return desiredPingSource(schedule);
  }

  /** Builds the desired PingSource of {@code schedule}; the spec is assumed valid. */
  public static PingSource desiredPingSource(PromptLabSchedule schedule) {
    PromptLabScheduleSpec spec = schedule.getSpec();
    String scheduleName = schedule.getMetadata().getName();
    int batchLimit = Objects.requireNonNullElse(spec.getBatchLimit(), 20);

    PingSource pingSource = new PingSourceBuilder()
        .withNewMetadata()
        .withName(ResourceNames.knativeName(scheduleName))
        .withNamespace(schedule.getMetadata().getNamespace())
        .withLabels(ScheduleLabels.forSchedule(scheduleName))
        .addToAnnotations(ScheduleLabels.SCHEDULE_ANNOTATION, scheduleName)
        .withOwnerReferences(ScheduleLabels.controllerReference(schedule))
        .endMetadata()
        .withNewSpec()
        .withSchedule(spec.getSchedule().trim())
        .withTimezone(Objects.requireNonNullElse(spec.getTimeZone(), PromptLabScheduleSpec.DEFAULT_TIME_ZONE))
        .withContentType("application/json")
        .withData("{\"batchLimit\":" + batchLimit + "}")
        .withNewSink()
        .withNewRef()
        .withApiVersion("serving.knative.dev/v1")
        .withKind("Service")
        .withName(ResourceNames.knativeName(scheduleName))
        .endRef()
        .endSink()
        .endSpec()
        .build();

    pingSource.getMetadata().getAnnotations()
        .put(ScheduleLabels.DESIRED_HASH_ANNOTATION, OwnedFieldsMatcher.desiredHash(pingSource));
    return pingSource;
  }
}
