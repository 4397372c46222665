package dev.orbitar.promptlab.operator;

import dev.orbitar.promptlab.operator.http.ManagementServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Prompt Lab operator: {@code java -jar prompt-lab-operator.jar}. It connects with the usual
 * kubeconfig or, inside a pod, the service account, and runs until SIGTERM.
 */
public final class OperatorMain {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    OperatorSettings settings;
    try {
      settings = OperatorSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("prompt-lab-operator: " + e.getMessage());
      System.exit(2);
      return;
    }

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    KubernetesClient client = new KubernetesClientBuilder().build();
    Operator operator = OperatorFactory.create(client, settings, registry, Clock.systemUTC());

    AtomicBoolean started = new AtomicBoolean();
    ManagementServer management = new ManagementServer(settings.httpPort(),
        () -> !started.get() || operator.getRuntimeInfo().allEventSourcesAreHealthy(),
        started::get,
        registry);
    management.start();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping: finishing reconciles in flight (up to {} s)", settings.shutdownTimeout().toSeconds());
      started.set(false);
      operator.stop();
      management.close();
      client.close();
      stopped.countDown();
      LOG.info("Stopped");
    }, "shutdown"));

    LOG.info("Starting: namespaces {}, leader election {}, HTTP port {}",
        settings.watchNamespaces().isEmpty() ? "all" : settings.watchNamespaces(),
        settings.leaderElection() ? "on (Lease " + settings.leaseNamespace() + "/" + settings.leaseName() + ")" : "off",
        management.port());
    operator.start();
    started.set(true);
    LOG.info("Started: reconciling PromptLabSchedules");
    stopped.await();
  }
}
