package dev.orbitar.promptlab.operator;

import java.util.Objects;

/**
 * The operator jar's {@code --help} and {@code --version} text.
 */
final class OperatorUsage {

  private OperatorUsage() {
  }

  /** Returns the version from the jar manifest, which the build writes, or a marker outside a built jar. */
  static String version() {
    String version = OperatorUsage.class.getPackage().getImplementationVersion();
    return "prompt-lab-operator " + Objects.requireNonNullElse(version, "(development build)");
  }

  static String help() {
    return """
        usage: java -jar prompt-lab-operator.jar [--help | --version]
               java -jar prompt-lab-operator.jar render --target cloud-run|kubernetes -f SCHEDULE.yaml

        Without arguments, starts the operator: it reconciles PromptLabSchedules into CronJobs, or into Knative
        Services and PingSources, until SIGTERM. It connects with the kubeconfig in KUBECONFIG or ~/.kube/config
        (its current context) or, inside a pod, with the pod's service account. It exits with 1 when the API
        server cannot be reached and with 2 on an invalid setting.

        Commands:
          render      Prints what a schedule becomes without the operator and exits; needs no cluster.
                      --target cloud-run   a shell script that deploys a Cloud Run Job and its Cloud Scheduler job
                      --target kubernetes  the CronJob the operator would create
                      -f, --file FILE      the PromptLabSchedule YAML file

        Options:
          -h, --help  Prints this help and exits.
          --version   Prints the version and exits.

        Settings (environment variables, read once at start):
          WATCH_NAMESPACES            Comma-separated namespaces whose schedules are reconciled; empty or * for
                                      all (default: all).
          LEADER_ELECTION             true or false: take a Lease before reconciling, so that of several
                                      replicas only one writes (default: true). Outside a pod, set it to false
                                      or set LEADER_ELECTION_NAMESPACE.
          LEADER_ELECTION_LEASE_NAME  Name of the Lease (default: prompt-lab-operator).
          LEADER_ELECTION_NAMESPACE   Namespace of the Lease (default: POD_NAMESPACE, else the service
                                      account's namespace).
          POD_NAMESPACE               The operator pod's namespace, set by the Helm chart.
          OPERATOR_HTTP_PORT          Port of /healthz, /readyz and /metrics, 1-65535 (default: 8080).
          SHUTDOWN_TIMEOUT_SECONDS    On SIGTERM, seconds that reconciles in flight get to finish, 1-600
                                      (default: 30).
          KNATIVE_RECHECK_SECONDS     Seconds between checks for Knative while a Knative schedule waits for it,
                                      5-3600 (default: 60).
        """;
  }
}
