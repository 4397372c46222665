package dev.orbitar.promptlab.operator;

import ch.qos.logback.classic.Level;
import dev.orbitar.promptlab.operator.http.ManagementServer;
import dev.orbitar.promptlab.operator.reconciler.FailureMessages;
import dev.orbitar.promptlab.operator.render.RenderCommand;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Prompt Lab operator: {@code java -jar prompt-lab-operator.jar}. It connects with the usual
 * kubeconfig or, inside a pod, the service account, and runs until SIGTERM. It exits with 1 when the API server
 * cannot be reached or the start fails, and with 2 on an invalid setting; {@code --help} lists the settings.
 *
 * <p>{@code java -jar prompt-lab-operator.jar render ...} instead prints what a schedule becomes on Cloud Run or as
 * a plain CronJob, and exits; it needs no cluster.
 */
public final class OperatorMain {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {
  }

  private static int command(String[] args) {
    switch (args[0]) {
      case "-h", "--help" -> {
        System.out.print(OperatorUsage.help());
        return 0;
      }
      case "--version" -> {
        System.out.println(OperatorUsage.version());
        return 0;
      }
      case "render" -> {
        // The rendered manifest goes to standard output, which log lines would corrupt.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.OFF);
        return new RenderCommand(System.out, System.err, Clock.systemUTC())
            .run(Arrays.copyOfRange(args, 1, args.length));
      }
      default -> {
        System.err.println("prompt-lab-operator: unknown command \"" + args[0] + "\": run without arguments to start "
            + "the operator, or run --help for the render command and the settings");
        return 2;
      }
    }
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length > 0) {
      System.exit(command(args));
      return;
    }

    OperatorSettings settings;
    try {
      settings = OperatorSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("prompt-lab-operator: " + e.getMessage());
      System.exit(2);
      return;
    }

    // Checked before anything starts, so that an unreachable API server gives one line and exit code 1.
    Config config = Config.autoConfigure(null);
    Optional<String> problem = ApiServerCheck.problem(config);
    if (problem.isPresent()) {
      System.err.println("prompt-lab-operator: " + problem.get());
      System.exit(1);
      return;
    }

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
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
    try {
      operator.start();
    } catch (RuntimeException e) {
      // The HTTP server and the client's threads would keep the JVM running, so the process exits here. The
      // shutdown hook stops what did start.
      // NOTE: no test reaches this path, because the API server check above catches the usual causes.
      LOG.error("Start failed, exiting: {}", FailureMessages.oneLine(e));
      System.exit(1);
      return;
    }
    started.set(true);
    LOG.info("Started: reconciling PromptLabSchedules");
    stopped.await();
  }
}
