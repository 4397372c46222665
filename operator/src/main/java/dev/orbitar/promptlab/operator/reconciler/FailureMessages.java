package dev.orbitar.promptlab.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.net.HttpURLConnection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Turns reconcile and start failures into one-line messages for conditions, events and logs. Workflow failures arrive wrapped in
 * an {@link AggregatedOperatorException} whose own message contains whole stack traces, so the API error inside is
 * looked up instead.
 */
public final class FailureMessages {

  private static final int MAX_LENGTH = 300;

  private FailureMessages() {
  }

  /** Returns whether the failure is a write conflict (HTTP 409), which a retry with a fresh read resolves. */
  static boolean isConflict(Throwable failure) {
    return apiError(failure).map(error -> error.getCode() == HttpURLConnection.HTTP_CONFLICT).orElse(false);
  }

  /** Returns the failure as one line: the API server's status message when there is one. */
  public static String oneLine(Throwable failure) {
    String message = apiError(failure)
        .map(FailureMessages::describe)
        .orElseGet(() -> failure.getClass().getSimpleName() + ": " + firstLine(failure.getMessage()));
    String line = message.replaceAll("\\s+", " ").trim();
    return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
  }

  private static String describe(KubernetesClientException error) {
    if (error.getStatus() != null && error.getStatus().getMessage() != null) {
      return "HTTP " + error.getCode() + " " + error.getStatus().getReason() + ": " + error.getStatus().getMessage();
    }
    return "HTTP " + error.getCode() + ": " + firstLine(error.getMessage());
  }

  private static Optional<KubernetesClientException> apiError(Throwable failure) {
    Deque<Throwable> pending = new ArrayDeque<>();
    Set<Throwable> seen = new HashSet<>();
    pending.add(failure);

    while (!pending.isEmpty()) {
      Throwable current = pending.poll();
      if (!seen.add(current)) {
        continue;
      }
      if (current instanceof KubernetesClientException error && error.getCode() > 0) {
        return Optional.of(error);
      }
      if (current instanceof AggregatedOperatorException aggregated) {
        pending.addAll(aggregated.getAggregatedExceptions().values());
      }
      if (current.getCause() != null) {
        pending.add(current.getCause());
      }
    }
    return Optional.empty();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
