package dev.orbitar.promptlab.operator.reconciler;

import dev.orbitar.promptlab.operator.api.LastRun;
import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleSpec;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleStatus;
import dev.orbitar.promptlab.operator.dependents.CronJobDependent;
import dev.orbitar.promptlab.operator.events.EventReason;
import dev.orbitar.promptlab.operator.events.EventRecorder;
import dev.orbitar.promptlab.operator.metrics.ScheduleMetrics;
import dev.orbitar.promptlab.operator.status.ConditionReason;
import dev.orbitar.promptlab.operator.status.LastRunReader;
import dev.orbitar.promptlab.operator.status.ScheduleStatusFactory;
import dev.orbitar.promptlab.operator.validation.SpecValidator;
import dev.orbitar.promptlab.operator.validation.ValidationResult;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a PromptLabSchedule as a pipeline: validate, write the CronJob, observe the CronJob and the last
 * finished Job, report through status and events.
 *
 * <p>The workflow is invoked explicitly, after validation, so that an invalid spec never creates or changes the
 * CronJob. There is no finalizer: the CronJob carries a controller owner reference, and Kubernetes' garbage
 * collector deletes it with the schedule, even while the operator is down.
 */
@ControllerConfiguration(name = PromptLabScheduleReconciler.NAME)
@Workflow(explicitInvocation = true, dependents = @Dependent(type = CronJobDependent.class))
@GradualRetry(maxAttempts = 6, initialInterval = 500, intervalMultiplier = 2.0, maxInterval = 30_000)
public class PromptLabScheduleReconciler implements Reconciler<PromptLabSchedule> {

  public static final String NAME = "promptlabschedule";

  private static final Logger LOG = LoggerFactory.getLogger(PromptLabScheduleReconciler.class);

  /**
   * Delay after the next scheduled time before the status is refreshed. The CronJob's own status update usually
   * refreshes it first, so the timed reconcile then writes nothing.
   */
  private static final Duration NEXT_RUN_GRACE = Duration.ofSeconds(15);

  private final SpecValidator validator;
  private final EventRecorder events;
  private final ScheduleMetrics metrics;
  private final Clock clock;

  public PromptLabScheduleReconciler(EventRecorder events, ScheduleMetrics metrics, Clock clock) {
    this.validator = new SpecValidator(clock);
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, PromptLabSchedule>> prepareEventSources(EventSourceContext<PromptLabSchedule> context) {
    metrics.observe(context.getPrimaryCache());
    return List.of(JobEvents.create(context));
  }

  @Override
  public UpdateControl<PromptLabSchedule> reconcile(PromptLabSchedule schedule, Context<PromptLabSchedule> context) {
    Instant now = clock.instant();
    Optional<CronJob> existing = context.getSecondaryResource(CronJob.class);

    ValidationResult validation = validator.validate(schedule);
    if (validation instanceof ValidationResult.Invalid invalid) {
      PromptLabScheduleStatus status = ScheduleStatusFactory.build(schedule, invalid.reason(), invalid.message(),
          existing.orElse(null), null, now);
      recordIfConditionChanged(schedule, status, EventReason.valueOf(invalid.reason().name()), invalid.message());
      return patchIfChanged(schedule, status, now);
    }

    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    reportWrite(schedule, context);

    CronJob cronJob = context.getSecondaryResource(CronJob.class).orElse(null);
    LastRun lastRun = observeLastRun(schedule, context);

    boolean suspended = Boolean.TRUE.equals(schedule.getSpec().getSuspend());
    ConditionReason reason = suspended ? ConditionReason.Suspended : ConditionReason.Reconciled;
    String message = readyMessage(schedule, cronJob, suspended);
    return patchIfChanged(schedule, ScheduleStatusFactory.build(schedule, reason, message, cronJob, lastRun, now),
        now);
  }

  @Override
  public ErrorStatusUpdateControl<PromptLabSchedule> updateErrorStatus(PromptLabSchedule schedule,
      Context<PromptLabSchedule> context, Exception e) {
    boolean lastAttempt = context.getRetryInfo().map(retry -> retry.isLastAttempt()).orElse(true);
    String message = "writing the CronJob failed: " + FailureMessages.oneLine(e);

    // A conflict means another writer got there first; the retry re-reads the CronJob and usually succeeds.
    if (FailureMessages.isConflict(e) && !lastAttempt) {
      LOG.info("Schedule {} hit a write conflict, retrying: {}", id(schedule), FailureMessages.oneLine(e));
      return ErrorStatusUpdateControl.noStatusUpdate();
    }

    LOG.error("Schedule {} failed to reconcile (last attempt: {}): {}", id(schedule), lastAttempt, message);
    PromptLabScheduleStatus status = ScheduleStatusFactory.build(schedule, ConditionReason.ReconcileFailed,
        message, context.getSecondaryResource(CronJob.class).orElse(null), null, clock.instant());
    if (status.equals(schedule.getStatus())) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    recordIfConditionChanged(schedule, status, EventReason.ReconcileFailed, message);
    schedule.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(schedule);
  }

  /**
   * Records a Warning event and a log line when the Ready condition changes. A restart or a periodic reconcile
   * that finds the same problem again records nothing.
   */
  private void recordIfConditionChanged(PromptLabSchedule schedule, PromptLabScheduleStatus status,
      EventReason reason, String message) {
    Optional<Condition> previous =
        Optional.ofNullable(schedule.getStatus()).flatMap(PromptLabScheduleStatus::readyCondition);
    Optional<Condition> next = status.readyCondition();
    if (previous.equals(next)) {
      return;
    }
    LOG.warn("Schedule {} is not ready ({}), CronJob left unchanged: {}", id(schedule), reason, message);
    events.record(schedule, reason, message);
  }

  private LastRun observeLastRun(PromptLabSchedule schedule, Context<PromptLabSchedule> context) {
    LastRun previous = schedule.getStatus() == null ? null : schedule.getStatus().getLastRun();
    Optional<Job> finished = LastRunReader.latestFinished(context.getSecondaryResources(Job.class));
    if (finished.isEmpty()) {
      return previous;
    }

    LastRun lastRun = new LastRunReader(context.getClient()).read(finished.get(), previous);
    if (lastRun != previous) {
      boolean succeeded = Boolean.TRUE.equals(lastRun.getSucceeded());
      String message = "batch Job " + lastRun.getJobName() + (succeeded ? " succeeded" : " failed")
          + (lastRun.getRunsCreated() == null ? "" : ": " + lastRun.getRunsCreated() + " runs, "
              + lastRun.getScoresCreated() + " scores, " + lastRun.getFailures() + " failures");
      LOG.info("Schedule {}: {}", id(schedule), message);
      events.record(schedule, succeeded ? EventReason.BatchSucceeded : EventReason.BatchFailed, message);
    }
    return lastRun;
  }

  private void reportWrite(PromptLabSchedule schedule, Context<PromptLabSchedule> context) {
    Optional<CronJobDependent.Write> write = context.managedWorkflowAndDependentResourceContext()
        .get(CronJobDependent.WRITE_KEY, CronJobDependent.Write.class);
    if (write.isEmpty()) {
      return;
    }

    String cronJobName = CronJobDependent.desiredCronJob(schedule).getMetadata().getName();
    boolean created = write.get() == CronJobDependent.Write.CREATED;
    LOG.info("Schedule {}: {} CronJob {}", id(schedule), created ? "created" : "updated", cronJobName);
    events.record(schedule, created ? EventReason.CronJobCreated : EventReason.CronJobUpdated,
        (created ? "created" : "updated") + " CronJob " + cronJobName + " (generation "
            + schedule.getMetadata().getGeneration() + ")");
  }

  private static String readyMessage(PromptLabSchedule schedule, CronJob cronJob, boolean suspended) {
    String cronJobName = cronJob != null ? cronJob.getMetadata().getName()
        : CronJobDependent.desiredCronJob(schedule).getMetadata().getName();
    if (suspended) {
      return "CronJob " + cronJobName + " is suspended: no batch starts until spec.suspend is false";
    }
    String zone =
        Objects.requireNonNullElse(schedule.getSpec().getTimeZone(), PromptLabScheduleSpec.DEFAULT_TIME_ZONE);
    return "CronJob " + cronJobName + " runs \"" + schedule.getSpec().getSchedule() + "\" in " + zone;
  }

  private static UpdateControl<PromptLabSchedule> patchIfChanged(PromptLabSchedule schedule,
      PromptLabScheduleStatus status, Instant now) {
    UpdateControl<PromptLabSchedule> control;
    if (status.equals(schedule.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      schedule.setStatus(status);
      control = UpdateControl.patchStatus(schedule);
    }

    // The next scheduled time moves on once it passes; a timed reconcile refreshes it when no CronJob event does.
    if (status.getNextScheduleTime() != null) {
      Duration untilNext = Duration.between(now, status.getNextScheduleTime()).plus(NEXT_RUN_GRACE);
      control.rescheduleAfter(untilNext.isNegative() ? NEXT_RUN_GRACE : untilNext);
    }
    return control;
  }

  private static String id(PromptLabSchedule schedule) {
    return schedule.getMetadata().getNamespace() + "/" + schedule.getMetadata().getName();
  }
}
