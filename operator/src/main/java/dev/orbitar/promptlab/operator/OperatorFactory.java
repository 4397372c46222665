package dev.orbitar.promptlab.operator;

import dev.orbitar.promptlab.operator.events.EventRecorder;
import dev.orbitar.promptlab.operator.knative.KnativeDetector;
import dev.orbitar.promptlab.operator.metrics.ScheduleMetrics;
import dev.orbitar.promptlab.operator.reconciler.PromptLabScheduleReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires the operator: one controller for PromptLabSchedules on the given client, writing without server-side
 * apply. The main class and the tests build it the same way, so the tests exercise the production wiring.
 */
public final class OperatorFactory {

  /** Repeated events of one kind on one schedule within this window are counted, not written. */
  static final Duration EVENT_WINDOW = Duration.ofMinutes(10);

  private OperatorFactory() {
  }

  public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry registry,
      Clock clock) {
    Operator operator = new Operator(overrider -> {
      overrider
          .withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withStopOnInformerErrorDuringStartup(true)
          .withReconciliationTerminationTimeout(settings.shutdownTimeout())
          // Status and CronJobs are written with JSON patch and PUT; the operator guide explains why not SSA.
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource()
              .build());
      if (settings.leaderElection()) {
        overrider.withLeaderElectionConfiguration(
            LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName())
                .withLeaseNamespace(settings.leaseNamespace())
                .withExitOnStopLeading(settings.exitOnLeaseLoss())
                .build());
      }
    });

    EventRecorder events = new EventRecorder(client, clock, EVENT_WINDOW);
    PromptLabScheduleReconciler reconciler =
        new PromptLabScheduleReconciler(events, new ScheduleMetrics(registry),
            new KnativeDetector(settings.knativeRecheck(), clock), clock);
    operator.register(reconciler, configuration -> {
      if (settings.watchNamespaces().isEmpty()) {
        configuration.watchingAllNamespaces();
      } else {
        configuration.settingNamespaces(settings.watchNamespaces());
      }
    });
    return operator;
  }
}
