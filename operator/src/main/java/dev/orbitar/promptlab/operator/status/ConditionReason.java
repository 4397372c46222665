package dev.orbitar.promptlab.operator.status;

/**
 * Reasons of the Ready condition, each naming a state that {@code kubectl get} shows and a person acts on.
 */
public enum ConditionReason {
  /** The CronJob, or the Knative Service and PingSource, match the spec and run on its schedule. */
  Reconciled(true),
  /** The CronJob matches the spec and is suspended, or the Knative PingSource is removed while suspended. */
  Suspended(true),
  /** spec.schedule is not a cron expression Kubernetes accepts, or it never runs. */
  InvalidSchedule(false),
  /** spec.timeZone is not an IANA time zone id. */
  InvalidTimeZone(false),
  /** Another spec field is missing or out of range. */
  InvalidSpec(false),
  /** spec.target is Knative and the cluster lacks the Knative Serving or Eventing API. */
  KnativeNotInstalled(false),
  /** The Knative Service or PingSource matches the spec but Knative does not report it ready (yet). */
  KnativeNotReady(false),
  /** Writing the CronJob or the Knative resources failed after retries. */
  ReconcileFailed(false);

  private final boolean ready;

  ConditionReason(boolean ready) {
    this.ready = ready;
  }

  public boolean ready() {
    return ready;
  }
}
