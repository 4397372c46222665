package dev.orbitar.promptlab.operator.api;

/**
 * The kind of workload that runs the batches of a schedule.
 */
public enum ScheduleTarget {
  CronJob,
  Knative
}
