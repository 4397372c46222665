package dev.orbitar.promptlab.operator.validation;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleSpec;
import dev.orbitar.promptlab.operator.api.ScheduleTarget;
import dev.orbitar.promptlab.operator.api.SecretKeyRef;
import dev.orbitar.promptlab.operator.api.WorkerSpec;
import dev.orbitar.promptlab.operator.dependents.WorkerEnvironment;
import dev.orbitar.promptlab.operator.schedule.CronSchedule;
import dev.orbitar.promptlab.operator.schedule.InvalidScheduleException;
import dev.orbitar.promptlab.operator.schedule.NextRunCalculator;
import dev.orbitar.promptlab.operator.schedule.ScheduleZones;
import dev.orbitar.promptlab.operator.status.ConditionReason;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * Checks what the API server cannot: the cron expression and zone as Kubernetes reads them, and the worker fields
 * the CronJob or Knative Service needs. It also repeats the schema's required fields and bounds, so that a
 * spec never reaches the CronJob unchecked when the CRD schema is missing or older than the operator.
 */
public class SpecValidator {

  /** Knative Serving sets PORT itself and rejects a Service that sets it. */
  static final String KNATIVE_RESERVED_NAME = "PORT";

  private final Clock clock;

  public SpecValidator(Clock clock) {
    this.clock = clock;
  }

  /** Returns the parsed schedule and zone, or the first problem in the order a person would fix them. */
  public ValidationResult validate(PromptLabSchedule resource) {
    PromptLabScheduleSpec spec = resource.getSpec();
    if (spec == null) {
      return invalid(ConditionReason.InvalidSpec, "spec is missing: set spec.schedule and spec.worker");
    }

    CronSchedule schedule;
    try {
      schedule = CronSchedule.parse(spec.getSchedule());
    } catch (InvalidScheduleException e) {
      return invalid(ConditionReason.InvalidSchedule, e.getMessage());
    }

    ZoneId zone;
    try {
      zone = ScheduleZones.parse(spec.getTimeZone() == null ? PromptLabScheduleSpec.DEFAULT_TIME_ZONE
          : spec.getTimeZone());
    } catch (InvalidScheduleException e) {
      return invalid(ConditionReason.InvalidTimeZone, e.getMessage());
    }

    if (NextRunCalculator.nextRun(schedule, zone, clock.instant()).isEmpty()) {
      return invalid(ConditionReason.InvalidSchedule, "spec.schedule \"" + spec.getSchedule() + "\" matches no "
          + "date within five years (for example February 30): fix the day-of-month or month field");
    }

    String problem = firstBoundsProblem(spec);
    if (problem == null) {
      problem = firstWorkerProblem(spec.getWorker(), spec.getTarget() == ScheduleTarget.Knative);
    }
    if (problem != null) {
      return invalid(ConditionReason.InvalidSpec, problem);
    }
    return new ValidationResult.Valid(schedule, zone);
  }

  private static String firstBoundsProblem(PromptLabScheduleSpec spec) {
    if (outside(spec.getBatchLimit(), 1, 1000)) {
      return "spec.batchLimit " + spec.getBatchLimit() + " is out of range: use 1 to 1000";
    }
    if (outside(spec.getParallelism(), 1, 32)) {
      return "spec.parallelism " + spec.getParallelism() + " is out of range: use 1 to 32";
    }
    if (outside(spec.getBackoffLimit(), 0, 10)) {
      return "spec.backoffLimit " + spec.getBackoffLimit() + " is out of range: use 0 to 10";
    }
    if (spec.getStartingDeadlineSeconds() != null && spec.getStartingDeadlineSeconds() < 10) {
      return "spec.startingDeadlineSeconds " + spec.getStartingDeadlineSeconds() + " is below 10: the CronJob "
          + "controller checks every 10 seconds and would miss runs";
    }
    if (spec.getActiveDeadlineSeconds() != null && spec.getActiveDeadlineSeconds() < 1) {
      return "spec.activeDeadlineSeconds " + spec.getActiveDeadlineSeconds() + " must be at least 1";
    }
    if (outside(spec.getSuccessfulJobsHistoryLimit(), 0, 100) || outside(spec.getFailedJobsHistoryLimit(), 0, 100)) {
      return "spec.successfulJobsHistoryLimit and spec.failedJobsHistoryLimit must be 0 to 100";
    }
    return null;
  }

  private static String firstWorkerProblem(WorkerSpec worker, boolean knative) {
    if (worker == null) {
      return "spec.worker is missing: set spec.worker.image and spec.worker.databaseUrlSecretRef";
    }
    if (worker.getImage() == null || worker.getImage().isBlank()) {
      return "spec.worker.image is missing: set the Lab worker image, for example "
          + "ghcr.io/example/prompt-lab-worker:1.0.0";
    }
    if (worker.getConcurrency() != null && outside(worker.getConcurrency(), 1, 64)) {
      return "spec.worker.concurrency " + worker.getConcurrency() + " is out of range: use 1 to 64";
    }

    String secretProblem = secretRefProblem("spec.worker.databaseUrlSecretRef", worker.getDatabaseUrlSecretRef(), true);
    if (secretProblem == null) {
      secretProblem = secretRefProblem("spec.worker.openRouterApiKeySecretRef",
          worker.getOpenRouterApiKeySecretRef(), false);
    }
    if (secretProblem != null) {
      return secretProblem;
    }

    List<EnvVar> env = worker.getEnv() == null ? List.of() : worker.getEnv();
    for (EnvVar variable : env) {
      if (variable.getName() == null || variable.getName().isBlank()) {
        return "spec.worker.env has an entry without a name: give every variable a name";
      }
      if (WorkerEnvironment.RESERVED_NAMES.contains(variable.getName())) {
        return "spec.worker.env sets " + variable.getName() + ", which the operator sets itself: remove it, and use "
            + "the matching spec field where there is one";
      }
      if (knative && KNATIVE_RESERVED_NAME.equals(variable.getName())) {
        return "spec.worker.env sets " + KNATIVE_RESERVED_NAME + ", which Knative sets to the port it routes to: "
            + "remove it";
      }
    }
    return null;
  }

  private static String secretRefProblem(String field, SecretKeyRef ref, boolean required) {
    if (ref == null) {
      return required ? field + " is missing: name the Secret and key that hold the value" : null;
    }
    if (ref.getName() == null || ref.getName().isBlank() || ref.getKey() == null || ref.getKey().isBlank()) {
      return field + " needs both name and key: name the Secret and the key inside it";
    }
    return null;
  }

  private static boolean outside(Integer value, int min, int max) {
    return value != null && (value < min || value > max);
  }

  private static ValidationResult invalid(ConditionReason reason, String message) {
    return new ValidationResult.Invalid(reason, message);
  }
}
