package dev.orbitar.promptlab.operator.status;

import dev.orbitar.promptlab.operator.api.KnativeStatus;
import dev.orbitar.promptlab.operator.api.LastRun;
import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleSpec;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleStatus;
import dev.orbitar.promptlab.operator.knative.KnativeReadiness;
import dev.orbitar.promptlab.operator.schedule.CronSchedule;
import dev.orbitar.promptlab.operator.schedule.InvalidScheduleException;
import dev.orbitar.promptlab.operator.schedule.NextRunCalculator;
import dev.orbitar.promptlab.operator.schedule.ScheduleZones;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sources.v1.PingSource;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a schedule's status from what was observed: the validation outcome, the CronJob and the last finished
 * Job, or the Knative Service and PingSource. The next run is computed from the CronJob or PingSource as it is, so
 * it stays true while an invalid spec leaves the previous one in place.
 */
public final class ScheduleStatusFactory {

  private ScheduleStatusFactory() {
  }

  /**
   * Returns the new status; {@code cronJob} and {@code lastRun} may be null when there is none yet.
   */
  public static PromptLabScheduleStatus build(PromptLabSchedule schedule, ConditionReason reason, String message,
      CronJob cronJob, LastRun lastRun, Instant now) {
    PromptLabScheduleStatus previous = schedule.getStatus();
    PromptLabScheduleStatus status = new PromptLabScheduleStatus();
    long generation = Objects.requireNonNullElse(schedule.getMetadata().getGeneration(), 0L);

    status.setObservedGeneration(generation);
    status.setConditions(new ArrayList<>(List.of(ReadyCondition.of(reason, message, generation,
        previous == null ? Optional.empty() : previous.readyCondition(), now))));
    if (lastRun != null) {
      status.setLastRun(lastRun);
    } else if (previous != null) {
      status.setLastRun(previous.getLastRun());
    }

    if (cronJob != null) {
      CronJobStatus observed = Objects.requireNonNullElseGet(cronJob.getStatus(), CronJobStatus::new);
      status.setCronJobName(cronJob.getMetadata().getName());
      status.setLastScheduleTime(instant(observed.getLastScheduleTime()));
      status.setLastSuccessfulTime(instant(observed.getLastSuccessfulTime()));
      status.setActiveJobs(observed.getActive() == null ? new ArrayList<>()
          : observed.getActive().stream().map(ObjectReference::getName).sorted().toList());
      status.setNextScheduleTime(nextRun(cronJob, now).orElse(null));
    }
    return status;
  }

  /**
   * Returns the status of a Knative schedule; {@code service} and {@code pingSource} may be null when there is
   * none (yet, or while suspended). The next run is computed from the PingSource as it is.
   */
  public static PromptLabScheduleStatus buildKnative(PromptLabSchedule schedule, ConditionReason reason,
      String message, Service service, PingSource pingSource, Instant now) {
    PromptLabScheduleStatus status = withCondition(schedule, reason, message, now);
    status.setCronJobName(null);
    status.setLastScheduleTime(null);
    status.setLastSuccessfulTime(null);
    status.setActiveJobs(new ArrayList<>());
    status.setNextScheduleTime(null);

    KnativeStatus knative = new KnativeStatus();
    if (service != null) {
      knative.setServiceName(service.getMetadata().getName());
      knative.setUrl(service.getStatus() == null ? null : service.getStatus().getUrl());
      knative.setServiceReady(KnativeReadiness.status(service.getStatus() == null ? null
          : service.getStatus().getConditions()));
    }
    if (pingSource != null) {
      knative.setPingSourceName(pingSource.getMetadata().getName());
      knative.setPingSourceReady(KnativeReadiness.status(pingSource.getStatus() == null ? null
          : pingSource.getStatus().getConditions()));
      status.setNextScheduleTime(nextRun(pingSource.getSpec().getSchedule(), pingSource.getSpec().getTimezone(),
          false, now).orElse(null));
    }
    status.setKnative(knative);
    return status;
  }

  /**
   * Returns the current status with a new Ready condition and everything else kept: for a spec that cannot be
   * reconciled, or a failed write, whose resources are left as they were.
   */
  public static PromptLabScheduleStatus withCondition(PromptLabSchedule schedule, ConditionReason reason,
      String message, Instant now) {
    PromptLabScheduleStatus previous = schedule.getStatus();
    PromptLabScheduleStatus status = new PromptLabScheduleStatus();
    long generation = Objects.requireNonNullElse(schedule.getMetadata().getGeneration(), 0L);

    status.setObservedGeneration(generation);
    status.setConditions(new ArrayList<>(List.of(ReadyCondition.of(reason, message, generation,
        previous == null ? Optional.empty() : previous.readyCondition(), now))));
    if (previous != null) {
      status.setCronJobName(previous.getCronJobName());
      status.setLastScheduleTime(previous.getLastScheduleTime());
      status.setLastSuccessfulTime(previous.getLastSuccessfulTime());
      status.setNextScheduleTime(previous.getNextScheduleTime());
      status.setActiveJobs(previous.getActiveJobs());
      status.setLastRun(previous.getLastRun());
      status.setKnative(previous.getKnative());
    }
    return status;
  }

  /** Returns when the CronJob next starts a batch, or empty when it is suspended or its schedule never runs. */
  public static Optional<Instant> nextRun(CronJob cronJob, Instant now) {
    if (cronJob.getSpec() == null) {
      return Optional.empty();
    }
    return nextRun(cronJob.getSpec().getSchedule(), cronJob.getSpec().getTimeZone(),
        Boolean.TRUE.equals(cronJob.getSpec().getSuspend()), now);
  }

  private static Optional<Instant> nextRun(String expression, String timeZone, boolean suspended, Instant now) {
    if (suspended) {
      return Optional.empty();
    }
    try {
      CronSchedule schedule = CronSchedule.parse(expression);
      String zone = Objects.requireNonNullElse(timeZone, PromptLabScheduleSpec.DEFAULT_TIME_ZONE);
      return NextRunCalculator.nextRun(schedule, ScheduleZones.parse(zone), now.truncatedTo(ChronoUnit.SECONDS));
    } catch (InvalidScheduleException e) {
      return Optional.empty();
    }
  }

  private static Instant instant(String timestamp) {
    return timestamp == null ? null : Instant.parse(timestamp);
  }
}
