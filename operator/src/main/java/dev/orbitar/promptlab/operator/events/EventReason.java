package dev.orbitar.promptlab.operator.events;

/**
 * Reasons of the Kubernetes events the operator records on a PromptLabSchedule.
 */
public enum EventReason {
  CronJobCreated(EventType.Normal),
  CronJobUpdated(EventType.Normal),
  CronJobDeleted(EventType.Normal),
  ServiceCreated(EventType.Normal),
  ServiceUpdated(EventType.Normal),
  ServiceDeleted(EventType.Normal),
  PingSourceCreated(EventType.Normal),
  PingSourceUpdated(EventType.Normal),
  PingSourceDeleted(EventType.Normal),
  InvalidSchedule(EventType.Warning),
  InvalidTimeZone(EventType.Warning),
  InvalidSpec(EventType.Warning),
  KnativeNotInstalled(EventType.Warning),
  ReconcileFailed(EventType.Warning),
  BatchSucceeded(EventType.Normal),
  BatchFailed(EventType.Warning);

  /** The two event types Kubernetes defines. */
  public enum EventType {
    Normal,
    Warning
  }

  private final EventType type;

  EventReason(EventType type) {
    this.type = type;
  }

  public EventType type() {
    return type;
  }
}
