package dev.orbitar.promptlab.operator.status;

import dev.orbitar.promptlab.operator.api.PromptLabScheduleStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Builds the Ready condition, the one place conditions are made.
 */
public final class ReadyCondition {

  private ReadyCondition() {
  }

  /**
   * Returns the Ready condition for {@code reason}; lastTransitionTime is kept from {@code previous} while the
   * condition's status stays the same, as Kubernetes conventions ask.
   */
  public static Condition of(ConditionReason reason, String message, long generation, Optional<Condition> previous,
      Instant now) {
    String status = reason.ready() ? "True" : "False";
    String transitionTime = previous
        .filter(condition -> status.equals(condition.getStatus()))
        .map(Condition::getLastTransitionTime)
        .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());

    return new ConditionBuilder()
        .withType(PromptLabScheduleStatus.READY)
        .withStatus(status)
        .withReason(reason.name())
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(transitionTime)
        .build();
  }
}
