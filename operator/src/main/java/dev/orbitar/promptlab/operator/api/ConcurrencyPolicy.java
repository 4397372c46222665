package dev.orbitar.promptlab.operator.api;

/**
 * What the CronJob does when a run is due while the previous one is still active (the CronJob field of the same
 * name).
 */
public enum ConcurrencyPolicy {
  Allow,
  Forbid,
  Replace
}
