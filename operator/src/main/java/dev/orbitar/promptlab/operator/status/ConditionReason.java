package dev.orbitar.promptlab.operator.status;

/**
 * Reasons of the Ready condition, each naming a state that {@code kubectl get} shows and a person acts on.
 */
public enum ConditionReason {
  /** The CronJob matches the spec and runs on its schedule. */
  Reconciled(true),
  /** The CronJob matches the spec and is suspended. */
  Suspended(true),
  /** spec.schedule is not a cron expression Kubernetes accepts, or it never runs. */
  InvalidSchedule(false),
  /** spec.timeZone is not an IANA time zone id. */
  InvalidTimeZone(false),
  /** Another spec field is missing or out of range. */
  InvalidSpec(false),
  /** spec.target names a workload this operator version does not create. */
  UnsupportedTarget(false),
  /** Writing the CronJob failed after retries. */
  ReconcileFailed(false);

  private final boolean ready;

  ConditionReason(boolean ready) {
    this.ready = ready;
  }

  public boolean ready() {
    return ready;
  }
}
