package dev.orbitar.promptlab.operator;

import dev.orbitar.promptlab.operator.reconciler.FailureMessages;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;

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
      return Optional.of("Cannot reach the Kubernetes API at " + config.getMasterUrl() + ": " + describe(e)
          + "; check KUBECONFIG or in-cluster credentials");
    }
  }

  /**
   * Describes why the request failed. The JDK HTTP client often wraps network failures in exceptions without
   * messages, so the failure is named by the kind of exception found in the cause chain.
   */
  static String describe(KubernetesClientException failure) {
    if (failure.getCode() > 0) {
      return FailureMessages.oneLine(failure);
    }

    String deepestMessage = null;
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return "connection failed (" + Objects.requireNonNullElse(cause.getMessage(), "ConnectException") + ")";
      }
      if (cause instanceof UnknownHostException) {
        return "unknown host " + cause.getMessage();
      }
      if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
        return "timed out after " + TIMEOUT.toSeconds() + " s";
      }
      if (cause instanceof SSLException) {
        return "TLS handshake failed (" + cause.getMessage() + ")";
      }
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        deepestMessage = cause.getClass().getSimpleName() + ": " + cause.getMessage().lines().findFirst().orElse("");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Objects.requireNonNullElse(deepestMessage, FailureMessages.oneLine(failure));
  }
}
