package dev.orbitar.promptlab.operator.api;

/**
 * The kind of workload that runs the batches of a schedule.
 */
public enum ScheduleTarget {
  /** A batch/v1 CronJob whose Jobs run the worker's run-batch command. */
  CronJob,
  /** A Knative Serving Service running the worker's serve command, called by a Knative Eventing PingSource. */
  Knative
}
