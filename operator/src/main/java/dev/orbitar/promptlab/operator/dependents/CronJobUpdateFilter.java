package dev.orbitar.promptlab.operator.dependents;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.List;
import java.util.Objects;

/**
 * Passes a CronJob update on to the reconciler only when it matters: the spec changed (a new generation, for
 * example an edit by hand), the desired-spec hash changed, or a status field the schedule mirrors changed.
 * Updates that change nothing the operator reads (resourceVersion, managedFields, annotations of other tools)
 * are dropped, so they start no reconcile.
 */
public class CronJobUpdateFilter implements OnUpdateFilter<CronJob> {

  @Override
  public boolean accept(CronJob updated, CronJob previous) {
    if (!Objects.equals(updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration())) {
      return true;
    }
    if (!Objects.equals(hash(updated), hash(previous))) {
      return true;
    }

    CronJobStatus now = Objects.requireNonNullElseGet(updated.getStatus(), CronJobStatus::new);
    CronJobStatus before = Objects.requireNonNullElseGet(previous.getStatus(), CronJobStatus::new);
    return !Objects.equals(now.getLastScheduleTime(), before.getLastScheduleTime())
        || !Objects.equals(now.getLastSuccessfulTime(), before.getLastSuccessfulTime())
        || !Objects.equals(activeNames(now), activeNames(before));
  }

  private static String hash(CronJob cronJob) {
    var annotations = cronJob.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ScheduleLabels.DESIRED_HASH_ANNOTATION);
  }

  private static List<String> activeNames(CronJobStatus status) {
    return status.getActive() == null ? List.of()
        : status.getActive().stream().map(ObjectReference::getName).sorted().toList();
  }
}
