package dev.orbitar.promptlab.operator.validation;

import dev.orbitar.promptlab.operator.schedule.CronSchedule;
import dev.orbitar.promptlab.operator.status.ConditionReason;
import java.time.ZoneId;

/**
 * The outcome of validating a schedule's spec: either the parsed schedule and zone, or the first problem found.
 */
public sealed interface ValidationResult {

  /** A spec the operator can turn into a CronJob. */
  record Valid(CronSchedule schedule, ZoneId zone) implements ValidationResult {
  }

  /** A spec that must be fixed first; {@code message} names the field, the value and what is accepted. */
  record Invalid(ConditionReason reason, String message) implements ValidationResult {
  }
}
