package dev.orbitar.promptlab.operator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's settings, read once at start from environment variables.
 *
 * @param watchNamespaces namespaces whose schedules are reconciled; empty means all namespaces
 * @param leaderElection whether to take a Lease before reconciling, so only one replica writes
 * @param leaseName name of the Lease object
 * @param leaseNamespace namespace of the Lease object
 * @param httpPort port of the health and metrics endpoints
 * @param shutdownTimeout time reconciles in flight get to finish on SIGTERM
 * @param exitOnLeaseLoss whether to end the process when the Lease is lost. A replica that may have missed updates
 *     then restarts with fresh caches. Always true when read from the environment.
 * @param knativeRecheck how long a Knative schedule waits before the operator checks again whether the cluster
 *     serves Knative
 */
public record OperatorSettings(
    Set<String> watchNamespaces,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int httpPort,
    Duration shutdownTimeout,
    boolean exitOnLeaseLoss,
    Duration knativeRecheck) {

  public static final String WATCH_NAMESPACES = "WATCH_NAMESPACES";
  public static final String LEADER_ELECTION = "LEADER_ELECTION";
  public static final String LEASE_NAME = "LEADER_ELECTION_LEASE_NAME";
  public static final String LEASE_NAMESPACE = "LEADER_ELECTION_NAMESPACE";
  public static final String HTTP_PORT = "OPERATOR_HTTP_PORT";
  public static final String SHUTDOWN_TIMEOUT = "SHUTDOWN_TIMEOUT_SECONDS";
  public static final String KNATIVE_RECHECK = "KNATIVE_RECHECK_SECONDS";
  /** Set by the Helm chart from the downward API. */
  public static final String POD_NAMESPACE = "POD_NAMESPACE";

  private static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  /**
   * Reads the settings from {@code env}, raising {@link IllegalArgumentException} with a one-line message that
   * names the variable, its value and what is accepted.
   */
  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    Set<String> namespaces = parseNamespaces(env.getOrDefault(WATCH_NAMESPACES, ""));
    boolean leaderElection = parseBoolean(LEADER_ELECTION, env.getOrDefault(LEADER_ELECTION, "true"));
    String leaseName = env.getOrDefault(LEASE_NAME, "prompt-lab-operator");
    int httpPort = parseInt(HTTP_PORT, env.getOrDefault(HTTP_PORT, "8080"), 1, 65535);
    int shutdownSeconds = parseInt(SHUTDOWN_TIMEOUT, env.getOrDefault(SHUTDOWN_TIMEOUT, "30"), 1, 600);
    int knativeRecheckSeconds = parseInt(KNATIVE_RECHECK, env.getOrDefault(KNATIVE_RECHECK, "60"), 5, 3600);

    String leaseNamespace = Optional.ofNullable(env.get(LEASE_NAMESPACE))
        .or(() -> Optional.ofNullable(env.get(POD_NAMESPACE)))
        .or(OperatorSettings::serviceAccountNamespace)
        .orElse(null);
    if (leaderElection && (leaseNamespace == null || leaseNamespace.isBlank())) {
      throw new IllegalArgumentException(LEASE_NAMESPACE + " is not set and no in-cluster namespace was found: set it "
          + "to the namespace of the operator's Lease, or set " + LEADER_ELECTION + "=false for a single replica");
    }

    return new OperatorSettings(namespaces, leaderElection, leaseName, leaseNamespace, httpPort,
        Duration.ofSeconds(shutdownSeconds), true, Duration.ofSeconds(knativeRecheckSeconds));
  }

  private static Set<String> parseNamespaces(String value) {
    String trimmed = value.trim();
    if (trimmed.isEmpty() || trimmed.equals("*")) {
      return Set.of();
    }

    Set<String> namespaces = Arrays.stream(trimmed.split(","))
        .map(String::trim)
        .filter(name -> !name.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    for (String namespace : namespaces) {
      if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
        throw new IllegalArgumentException(WATCH_NAMESPACES + " contains \"" + namespace + "\", which is not a "
            + "namespace name: use a comma-separated list such as prompt-lab,staging, or * for all namespaces");
      }
    }
    return namespaces;
  }

  private static boolean parseBoolean(String name, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + "=\"" + value + "\" is invalid: use true or false");
    };
  }

  private static int parseInt(String name, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below with the accepted range.
    }
    throw new IllegalArgumentException(name + "=\"" + value + "\" is invalid: use a whole number from " + min
        + " to " + max);
  }

  private static Optional<String> serviceAccountNamespace() {
    try {
      return Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)
          ? Optional.of(Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
