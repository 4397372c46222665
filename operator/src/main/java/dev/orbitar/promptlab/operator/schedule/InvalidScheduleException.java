package dev.orbitar.promptlab.operator.schedule;

/**
 * Raised when a cron expression or a time zone id is not one a Kubernetes CronJob accepts. The message names what
 * is accepted.
 */
public class InvalidScheduleException extends Exception {

  public InvalidScheduleException(String message) {
    super(message);
  }
}
