package dev.orbitar.promptlab.operator.reconciler;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.dependents.ScheduleLabels;
import dev.orbitar.promptlab.operator.status.LastRunReader;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Map;
import java.util.Set;

/**
 * The informer over the Jobs that the CronJobs start. A Job reaches its schedule through the schedule annotation,
 * which the CronJob controller copies from the job template. Only a Job that finishes triggers a reconcile,
 * because only then is there a new last run to read.
 */
final class JobEvents {

  static final String NAME = "jobs";

  private JobEvents() {
  }

  static InformerEventSource<Job, PromptLabSchedule> create(EventSourceContext<PromptLabSchedule> context) {
    var configuration = InformerEventSourceConfiguration.from(Job.class, PromptLabSchedule.class)
        .withName(NAME)
        .withLabelSelector(ScheduleLabels.MANAGED_SELECTOR)
        .withSecondaryToPrimaryMapper(JobEvents::schedulesOf)
        .withOnAddFilter(job -> LastRunReader.finishedAt(job).isPresent())
        .withOnUpdateFilter((updated, previous) ->
            LastRunReader.finishedAt(updated).isPresent() && LastRunReader.finishedAt(previous).isEmpty())
        .withOnDeleteFilter((job, finalStateUnknown) -> false)
        .build();
    return new InformerEventSource<>(configuration, context);
  }

  private static Set<ResourceID> schedulesOf(Job job) {
    Map<String, String> annotations = job.getMetadata().getAnnotations();
    String schedule = annotations == null ? null : annotations.get(ScheduleLabels.SCHEDULE_ANNOTATION);
    return schedule == null ? Set.of() : Set.of(new ResourceID(schedule, job.getMetadata().getNamespace()));
  }
}
