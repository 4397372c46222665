package dev.orbitar.promptlab.operator.knative;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out whether the cluster serves the Knative APIs the Knative target needs, through API discovery, which every
 * authenticated user may read. Once found they are taken as present for good; while missing, the answer is kept for
 * the re-check interval, so that many waiting schedules cost one discovery request per interval.
 */
public class KnativeDetector {

  static final String SERVING_API = "serving.knative.dev/v1";
  static final String EVENTING_API = "sources.knative.dev/v1";

  private static final Logger LOG = LoggerFactory.getLogger(KnativeDetector.class);
  private static final String CONTEXT_KEY = KnativeDetector.class.getName() + ".installed";

  private final Duration recheck;
  private final Clock clock;
  private Availability last;
  private Instant checkedAt;

  public KnativeDetector(Duration recheck, Clock clock) {
    this.recheck = recheck;
    this.clock = clock;
  }

  /** What the cluster lacks of Knative; nothing when the Knative target can be reconciled. */
  public record Availability(List<String> missing) {

    public boolean installed() {
      return missing.isEmpty();
    }

    /** Returns the Ready condition's message for a Knative schedule on a cluster without Knative. */
    public String message(Duration recheck) {
      return "spec.target Knative needs " + String.join(" and ", missing) + ", which this cluster does not serve: "
          + "install Knative Serving and Knative Eventing, or set spec.target to CronJob. The operator checks again "
          + "every " + recheck.toSeconds() + " s";
    }
  }

  /** How long a schedule waits before the operator checks again for Knative. */
  public Duration recheck() {
    return recheck;
  }

  /** Returns what the cluster lacks, asking the API server at most once per re-check interval while it lacks any. */
  public synchronized Availability check(KubernetesClient client) {
    Instant now = clock.instant();
    if (last != null && (last.installed() || now.isBefore(checkedAt.plus(recheck)))) {
      return last;
    }

    List<String> missing = new ArrayList<>();
    if (!serves(client, SERVING_API, "Service")) {
      missing.add("Knative Serving (" + SERVING_API + " Service)");
    }
    if (!serves(client, EVENTING_API, "PingSource")) {
      missing.add("Knative Eventing (" + EVENTING_API + " PingSource)");
    }

    Availability availability = new Availability(List.copyOf(missing));
    if (last == null || !last.equals(availability)) {
      LOG.info(availability.installed() ? "Knative Serving and Eventing found: Knative schedules are reconciled"
          : "Knative is missing ({}): Knative schedules wait, CronJob schedules are unaffected", missing);
    }
    last = availability;
    checkedAt = now;
    return availability;
  }

  /** Tells the workflow's activation condition whether the Knative dependents may run in this reconcile. */
  public static void markInstalled(Context<?> context, boolean installed) {
    context.managedWorkflowAndDependentResourceContext().put(CONTEXT_KEY, installed);
  }

  static boolean isInstalled(Context<?> context) {
    return context.managedWorkflowAndDependentResourceContext().get(CONTEXT_KEY, Boolean.class).orElse(false);
  }

  private static boolean serves(KubernetesClient client, String apiVersion, String kind) {
    try {
      return client.supports(apiVersion, kind);
    } catch (KubernetesClientException e) {
      // A discovery failure must not fail CronJob schedules; Knative ones wait and the check is repeated.
      LOG.warn("Could not ask the API server whether it serves {} {}: {}", apiVersion, kind, e.getMessage());
      return false;
    }
  }
}
