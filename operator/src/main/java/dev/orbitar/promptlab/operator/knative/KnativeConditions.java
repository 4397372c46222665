package dev.orbitar.promptlab.operator.knative;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.ScheduleTarget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The workflow conditions that choose between the CronJob and the Knative resources. A precondition that does not
 * hold makes JOSDK delete the dependent's resource, which is how switching the target removes the other kind's
 * resources.
 */
public final class KnativeConditions {

  private KnativeConditions() {
  }

  /** Returns whether {@code schedule} runs on Knative; a missing target means CronJob. */
  public static boolean targetsKnative(PromptLabSchedule schedule) {
    return schedule.getSpec().getTarget() == ScheduleTarget.Knative;
  }

  /**
   * Activation of the Knative dependents: their informers are registered only once the cluster serves the Knative
   * APIs, so the operator starts and runs CronJob schedules on clusters without Knative.
   */
  public static class KnativeInstalled implements Condition<Object, PromptLabSchedule> {
    @Override
    public boolean isMet(DependentResource<Object, PromptLabSchedule> dependent, PromptLabSchedule schedule,
        Context<PromptLabSchedule> context) {
      return KnativeDetector.isInstalled(context);
    }
  }

  /** Precondition of the CronJob. */
  public static class TargetIsCronJob implements Condition<Object, PromptLabSchedule> {
    @Override
    public boolean isMet(DependentResource<Object, PromptLabSchedule> dependent, PromptLabSchedule schedule,
        Context<PromptLabSchedule> context) {
      return !targetsKnative(schedule);
    }
  }

  /** Precondition of the Knative Service. */
  public static class TargetIsKnative implements Condition<Object, PromptLabSchedule> {
    @Override
    public boolean isMet(DependentResource<Object, PromptLabSchedule> dependent, PromptLabSchedule schedule,
        Context<PromptLabSchedule> context) {
      return targetsKnative(schedule);
    }
  }

  /**
   * Precondition of the PingSource: a PingSource has no suspend flag, so a suspended schedule has none, while its
   * Service stays (scaled to zero it costs nothing).
   */
  public static class PingSourceWanted implements Condition<Object, PromptLabSchedule> {
    @Override
    public boolean isMet(DependentResource<Object, PromptLabSchedule> dependent, PromptLabSchedule schedule,
        Context<PromptLabSchedule> context) {
      return targetsKnative(schedule) && !Boolean.TRUE.equals(schedule.getSpec().getSuspend());
    }
  }
}
