package dev.orbitar.promptlab.operator.api;

/**
 * The CronJob's handling of a run that is due while the previous one is still active (the CronJob field of the
 * same name).
 */
public enum ConcurrencyPolicy {
  Allow,
  Forbid,
  Replace
}
