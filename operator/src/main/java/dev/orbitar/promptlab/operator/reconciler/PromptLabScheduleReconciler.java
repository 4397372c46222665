package dev.orbitar.promptlab.operator.reconciler;

import dev.orbitar.promptlab.operator.api.LastRun;
import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleSpec;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleStatus;
import dev.orbitar.promptlab.operator.dependents.CronJobDependent;
import dev.orbitar.promptlab.operator.dependents.DependentWrites;
import dev.orbitar.promptlab.operator.events.EventReason;
import dev.orbitar.promptlab.operator.events.EventRecorder;
import dev.orbitar.promptlab.operator.knative.KnativeConditions;
import dev.orbitar.promptlab.operator.knative.KnativeDetector;
import dev.orbitar.promptlab.operator.knative.KnativeReadiness;
import dev.orbitar.promptlab.operator.knative.KnativeServiceDependent;
import dev.orbitar.promptlab.operator.knative.PingSourceDependent;
import dev.orbitar.promptlab.operator.metrics.ScheduleMetrics;
import dev.orbitar.promptlab.operator.status.ConditionReason;
import dev.orbitar.promptlab.operator.status.LastRunReader;
import dev.orbitar.promptlab.operator.status.ScheduleStatusFactory;
import dev.orbitar.promptlab.operator.validation.SpecValidator;
import dev.orbitar.promptlab.operator.validation.ValidationResult;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sources.v1.PingSource;
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
 * Reconciles a PromptLabSchedule as a pipeline: validate, write the CronJob or the Knative Service and PingSource,
 * observe them (and the last finished Job), report through status and events.
 *
 * <p>The workflow is invoked explicitly, after validation, so that an invalid spec never creates or changes what
 * runs the batches. Each dependent's precondition names the target it belongs to, so switching the target deletes
 * the other kind's resources. The Knative dependents are activated only once the cluster serves the Knative APIs:
 * until then their informers are not started, and a Knative schedule waits with {@code KnativeNotInstalled}.
 *
 * <p>There is no finalizer: every owned resource carries a controller owner reference, and Kubernetes' garbage
 * collector deletes it with the schedule, even while the operator is down.
 */
@ControllerConfiguration(name = PromptLabScheduleReconciler.NAME)
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(type = CronJobDependent.class, name = "cronjob",
        reconcilePrecondition = KnativeConditions.TargetIsCronJob.class),
    @Dependent(type = KnativeServiceDependent.class, name = "knative-service",
        activationCondition = KnativeConditions.KnativeInstalled.class,
        reconcilePrecondition = KnativeConditions.TargetIsKnative.class),
    @Dependent(type = PingSourceDependent.class, name = "pingsource",
        activationCondition = KnativeConditions.KnativeInstalled.class,
        reconcilePrecondition = KnativeConditions.PingSourceWanted.class)})
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
  private final KnativeDetector knative;
  private final Clock clock;

  public PromptLabScheduleReconciler(EventRecorder events, ScheduleMetrics metrics, KnativeDetector knative,
      Clock clock) {
    this.validator = new SpecValidator(clock);
    this.events = events;
    this.metrics = metrics;
    this.knative = knative;
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
    boolean targetsKnative = KnativeConditions.targetsKnative(schedule);

    ValidationResult validation = validator.validate(schedule);
    if (validation instanceof ValidationResult.Invalid invalid) {
      PromptLabScheduleStatus status = unchanged(schedule, invalid.reason(), invalid.message(), existing, now);
      recordIfConditionChanged(schedule, status, EventReason.valueOf(invalid.reason().name()), invalid.message());
      return patchIfChanged(schedule, status, now);
    }

    // Asked for CronJob schedules too: once Knative is there, switching a schedule to CronJob removes its
    // Knative resources.
    KnativeDetector.Availability availability = knative.check(context.getClient());
    if (targetsKnative && !availability.installed()) {
      String message = availability.message(knative.recheck());
      PromptLabScheduleStatus status =
          unchanged(schedule, ConditionReason.KnativeNotInstalled, message, existing, now);
      recordIfConditionChanged(schedule, status, EventReason.KnativeNotInstalled, message);
      // Nothing watches for the CRDs to appear, so the schedule is looked at again after the re-check interval.
      return patchIfChanged(schedule, status, now).rescheduleAfter(knative.recheck());
    }

    KnativeDetector.markInstalled(context, availability.installed());
    DependentWrites.start(context);
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    reportWrites(schedule, context);

    if (targetsKnative) {
      return reportKnative(schedule, context, now);
    }
    CronJob cronJob = context.getSecondaryResource(CronJob.class).orElse(null);
    LastRun lastRun = observeLastRun(schedule, context);

    boolean suspended = Boolean.TRUE.equals(schedule.getSpec().getSuspend());
    ConditionReason reason = suspended ? ConditionReason.Suspended : ConditionReason.Reconciled;
    String message = readyMessage(schedule, cronJob, suspended);
    return patchIfChanged(schedule, ScheduleStatusFactory.build(schedule, reason, message, cronJob, lastRun, now),
        now);
  }

  /**
   * Reports a Knative schedule: Ready once Knative reports both the Service and the PingSource ready, and
   * {@code KnativeNotReady} with Knative's reason until then. Knative records its own events on its resources, so
   * a not-ready state records none here.
   */
  private UpdateControl<PromptLabSchedule> reportKnative(PromptLabSchedule schedule,
      Context<PromptLabSchedule> context, Instant now) {
    Service service = context.getSecondaryResource(Service.class).orElse(null);
    PingSource pingSource = context.getSecondaryResource(PingSource.class).orElse(null);
    String serviceName = KnativeServiceDependent.desiredService(schedule).getMetadata().getName();
    boolean suspended = Boolean.TRUE.equals(schedule.getSpec().getSuspend());

    ConditionReason reason;
    String message;
    List<io.fabric8.knative.pkg.apis.Condition> serviceConditions =
        service == null || service.getStatus() == null ? null : service.getStatus().getConditions();
    List<io.fabric8.knative.pkg.apis.Condition> pingConditions =
        pingSource == null || pingSource.getStatus() == null ? null : pingSource.getStatus().getConditions();
    if (!"True".equals(KnativeReadiness.status(serviceConditions))) {
      reason = ConditionReason.KnativeNotReady;
      message = KnativeReadiness.notReadyMessage("Service", serviceName, serviceConditions);
    } else if (suspended) {
      reason = ConditionReason.Suspended;
      message = "PingSource removed while suspended: no batch starts until spec.suspend is false; Service "
          + serviceName + " stays, scaled to zero";
    } else if (!"True".equals(KnativeReadiness.status(pingConditions))) {
      reason = ConditionReason.KnativeNotReady;
      message = KnativeReadiness.notReadyMessage("PingSource", serviceName, pingConditions);
    } else {
      reason = ConditionReason.Reconciled;
      message = "PingSource " + pingSource.getMetadata().getName() + " calls Service " + serviceName + " on \""
          + pingSource.getSpec().getSchedule() + "\" in " + pingSource.getSpec().getTimezone();
    }
    return patchIfChanged(schedule,
        ScheduleStatusFactory.buildKnative(schedule, reason, message, service, pingSource, now), now);
  }

  /**
   * Returns the status of a schedule whose spec cannot be reconciled now: the CronJob, when there is one, still runs
   * and is reported as it is; otherwise the previous status is kept with the new condition.
   */
  private static PromptLabScheduleStatus unchanged(PromptLabSchedule schedule, ConditionReason reason,
      String message, Optional<CronJob> existing, Instant now) {
    return existing.isPresent()
        ? ScheduleStatusFactory.build(schedule, reason, message, existing.get(), null, now)
        : ScheduleStatusFactory.withCondition(schedule, reason, message, now);
  }

  @Override
  public ErrorStatusUpdateControl<PromptLabSchedule> updateErrorStatus(PromptLabSchedule schedule,
      Context<PromptLabSchedule> context, Exception e) {
    boolean lastAttempt = context.getRetryInfo().map(retry -> retry.isLastAttempt()).orElse(true);
    boolean targetsKnative = KnativeConditions.targetsKnative(schedule);
    String message = (targetsKnative ? "writing the Knative Service or PingSource failed: "
        : "writing the CronJob failed: ") + FailureMessages.oneLine(e);

    // A conflict means another writer got there first; the retry re-reads the CronJob and usually succeeds.
    if (FailureMessages.isConflict(e) && !lastAttempt) {
      LOG.info("Schedule {} hit a write conflict, retrying: {}", id(schedule), FailureMessages.oneLine(e));
      return ErrorStatusUpdateControl.noStatusUpdate();
    }

    LOG.error("Schedule {} failed to reconcile (last attempt: {}): {}", id(schedule), lastAttempt, message);
    PromptLabScheduleStatus status = targetsKnative
        ? ScheduleStatusFactory.withCondition(schedule, ConditionReason.ReconcileFailed, message, clock.instant())
        : ScheduleStatusFactory.build(schedule, ConditionReason.ReconcileFailed, message,
            context.getSecondaryResource(CronJob.class).orElse(null), null, clock.instant());
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
    LOG.warn("Schedule {} is not ready ({}), its resources left unchanged: {}", id(schedule), reason, message);
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

  private void reportWrites(PromptLabSchedule schedule, Context<PromptLabSchedule> context) {
    for (DependentWrites.Write write : DependentWrites.of(context)) {
      String action = write.action().name().toLowerCase(java.util.Locale.ROOT);
      LOG.info("Schedule {}: {} {} {}", id(schedule), action, write.kind(), write.name());
      events.record(schedule, write.reason(), action + " " + write.kind() + " " + write.name() + " (generation "
          + schedule.getMetadata().getGeneration() + ")");
    }
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
