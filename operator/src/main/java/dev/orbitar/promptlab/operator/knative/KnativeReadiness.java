package dev.orbitar.promptlab.operator.knative;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.knative.pkg.apis.Condition;
import java.util.List;
import java.util.Optional;

/**
 * Reads the Ready condition Knative puts on its Services and PingSources.
 */
public final class KnativeReadiness {

  static final String UNKNOWN = "Unknown";

  private KnativeReadiness() {
  }

  /** Returns the Ready condition among {@code conditions}, if Knative has reported one. */
  public static Optional<Condition> ready(List<Condition> conditions) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(condition -> "Ready".equals(condition.getType())).findFirst();
  }

  /** Returns the status of the Ready condition: True, False, or Unknown when there is none yet. */
  public static String status(List<Condition> conditions) {
    return ready(conditions).map(Condition::getStatus).orElse(UNKNOWN);
  }

  /** Returns the Ready condition of a status object as {@code status/reason/message}, for change detection. */
  static String readyCondition(JsonNode status) {
    for (JsonNode condition : status.path("conditions")) {
      if ("Ready".equals(condition.path("type").asText())) {
        return condition.path("status").asText("") + "/" + condition.path("reason").asText("") + "/"
            + condition.path("message").asText("");
      }
    }
    return "";
  }

  /**
   * Returns why a resource is not ready, as {@code <kind> <name> is not ready: <reason>: <message>}, or a waiting
   * message when Knative has not reported yet.
   */
  public static String notReadyMessage(String kind, String name, List<Condition> conditions) {
    Optional<Condition> ready = ready(conditions);
    if (ready.isEmpty() || UNKNOWN.equals(ready.get().getStatus()) && ready.get().getReason() == null) {
      return "waiting for Knative to report " + kind + " " + name + " ready";
    }
    Condition condition = ready.get();
    return kind + " " + name + " is not ready: " + Optional.ofNullable(condition.getReason()).orElse("no reason")
        + (condition.getMessage() == null ? "" : ": " + condition.getMessage());
  }
}
