package dev.orbitar.promptlab.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks at start that the Kubernetes API server responds to an authenticated request, before the operator starts
 * its informers. Without it an unreachable server shows as many stack traces from the informers' retries.
 */
final class ApiServerCheck {

  /** Connect and request timeout of the check. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * Retries of a failed check request. The client's default of 10 retries with doubling back-off would delay the
   * exit by more than a minute. A pod whose operator exits is restarted by Kubernetes anyway.
   */
  private static final int RETRIES = 2;

  private ApiServerCheck() {
  }

  /**
   * Requests the API group list (GET /apis, allowed to every authenticated user by Kubernetes' default
   * {@code system:discovery} role) and returns a one-line message when that fails, or nothing when it succeeds.
   */
  static Optional<String> problem(Config config) {
    Config checkConfig = new ConfigBuilder(config)
        .withConnectionTimeout((int) TIMEOUT.toMillis())
        .withRequestTimeout((int) TIMEOUT.toMillis())
        .withRequestRetryBackoffLimit(RETRIES)
        .build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(checkConfig).build()) {
      client.getApiGroups();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return Optional.of("Cannot reach the Kubernetes API at " + config.getMasterUrl() + ": " + rootMessage(e)
          + "; check KUBECONFIG or in-cluster credentials");
    }
  }

  /** Returns the innermost cause's message, which names the network or HTTP failure itself. */
  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
