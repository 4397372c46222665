package dev.orbitar.promptlab.operator.status;

import dev.orbitar.promptlab.operator.api.LastRun;
import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleStatus;
import dev.orbitar.promptlab.operator.schedule.CronSchedule;
import dev.orbitar.promptlab.operator.schedule.InvalidScheduleException;
import dev.orbitar.promptlab.operator.schedule.NextRunCalculator;
import dev.orbitar.promptlab.operator.schedule.ScheduleZones;
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
 * Job. The next run is computed from the CronJob as it is, so it stays true while an invalid spec leaves the
 * previous CronJob in place.
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

  /** Returns when the CronJob next starts a batch, or empty when it is suspended or its schedule never runs. */
  public static Optional<Instant> nextRun(CronJob cronJob, Instant now) {
    if (cronJob.getSpec() == null || Boolean.TRUE.equals(cronJob.getSpec().getSuspend())) {
      return Optional.empty();
    }
    try {
      CronSchedule schedule = CronSchedule.parse(cronJob.getSpec().getSchedule());
      String zone = Objects.requireNonNullElse(cronJob.getSpec().getTimeZone(), "Etc/UTC");
      return NextRunCalculator.nextRun(schedule, ScheduleZones.parse(zone), now.truncatedTo(ChronoUnit.SECONDS));
    } catch (InvalidScheduleException e) {
      return Optional.empty();
    }
  }

  private static Instant instant(String timestamp) {
    return timestamp == null ? null : Instant.parse(timestamp);
  }
}
