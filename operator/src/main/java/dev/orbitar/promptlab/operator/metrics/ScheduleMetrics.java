package dev.orbitar.promptlab.operator.metrics;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.status.ConditionReason;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code promptlab_schedules{state}} gauge: schedules by state, counted from the operator's informer cache
 * at scrape time, so deleted schedules drop out without bookkeeping.
 */
public class ScheduleMetrics {

  /** States a schedule is counted in; each is one value of the gauge's {@code state} tag. */
  public enum State {
    /** Not reconciled yet, or the status is from an older generation. */
    Pending,
    Active,
    Suspended,
    /** Waiting for Knative: not installed, or its Service or PingSource not ready. */
    Waiting,
    Invalid,
    Failed
  }

  private final AtomicReference<IndexedResourceCache<PromptLabSchedule>> cache = new AtomicReference<>();

  public ScheduleMetrics(MeterRegistry registry) {
    for (State state : State.values()) {
      Gauge.builder("promptlab.schedules", () -> count(state))
          .description("PromptLabSchedules by state")
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  /** Connects the gauge to the controller's cache of schedules once the controller has built it. */
  public void observe(IndexedResourceCache<PromptLabSchedule> schedules) {
    cache.set(schedules);
  }

  private double count(State state) {
    IndexedResourceCache<PromptLabSchedule> schedules = cache.get();
    if (schedules == null) {
      return 0;
    }
    return schedules.list().filter(schedule -> stateOf(schedule) == state).count();
  }

  static State stateOf(PromptLabSchedule schedule) {
    if (schedule.getStatus() == null
        || !Objects.equals(schedule.getStatus().getObservedGeneration(),
            schedule.getMetadata().getGeneration())) {
      return State.Pending;
    }

    Condition ready = schedule.getStatus().readyCondition().orElse(null);
    if (ready == null) {
      return State.Pending;
    }
    if (ConditionReason.Suspended.name().equals(ready.getReason())) {
      return State.Suspended;
    }
    if ("True".equals(ready.getStatus())) {
      return State.Active;
    }
    if (ConditionReason.KnativeNotInstalled.name().equals(ready.getReason())
        || ConditionReason.KnativeNotReady.name().equals(ready.getReason())) {
      return State.Waiting;
    }
    return ConditionReason.ReconcileFailed.name().equals(ready.getReason()) ? State.Failed : State.Invalid;
  }
}
