package dev.orbitar.promptlab.operator.helm;

import static dev.orbitar.promptlab.operator.helm.OperatorChart.FULLNAME;
import static dev.orbitar.promptlab.operator.helm.OperatorChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator's Deployment: restricted pod security, probes, resources, spread, and the operator's settings. */
class ChartDeploymentTest {

  private static final String SINGLE_REPLICA = """
      replicaCount: 1
      leaderElection:
        enabled: false
      """;
  private static final String THREE_REPLICAS = """
      replicaCount: 3
      """;

  @Test
  void podSecurityRestricted() {
    PodSecurityContext pod = podSpec(OperatorChart.withDefaults()).getSecurityContext();

    assertThat(pod.getRunAsNonRoot()).isTrue();
    assertThat(pod.getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getRunAsGroup()).isEqualTo(10001L);
    assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void containerSecurityRestricted() {
    SecurityContext container = operatorContainer(OperatorChart.withDefaults()).getSecurityContext();

    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getPrivileged()).isFalse();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getRunAsNonRoot()).isTrue();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isEmpty();
  }

  @Test
  void tmpIsWritableVolume() {
    PodSpec pod = podSpec(OperatorChart.withDefaults());
    Container container = pod.getContainers().get(0);

    assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath).containsExactly("/tmp");
    assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly(container.getVolumeMounts().get(0).getName());
    assertThat(pod.getVolumes().get(0).getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("64Mi"));
  }

  @Test
  void livenessProbeOnHealthz() {
    Probe liveness = operatorContainer(OperatorChart.withDefaults()).getLivenessProbe();

    assertThat(liveness.getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(liveness.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(liveness.getFailureThreshold()).isEqualTo(3);
  }

  @Test
  void readinessProbeOnReadyz() {
    Probe readiness = operatorContainer(OperatorChart.withDefaults()).getReadinessProbe();

    assertThat(readiness.getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(readiness.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(readiness.getPeriodSeconds()).isEqualTo(5);
  }

  @Test
  void probePortIsOperatorPort() {
    Container container = operatorContainer(OperatorChart.withValues("""
        httpPort: 9090
        """));

    assertThat(container.getPorts()).hasSize(1);
    assertThat(container.getPorts().get(0).getName()).isEqualTo("http");
    assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(9090);
    assertThat(settings(container).httpPort()).isEqualTo(9090);
  }

  @Test
  void resourcesRequestedAndLimited() {
    Container container = operatorContainer(OperatorChart.withDefaults());

    assertThat(container.getResources().getRequests()).containsOnlyKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsOnlyKeys("cpu", "memory");
    assertThat(container.getResources().getLimits().get("memory")).isEqualTo(new Quantity("512Mi"));
  }

  @Test
  void defaultsSettings() {
    OperatorSettings settings = settings(operatorContainer(OperatorChart.withDefaults()));

    assertThat(settings.watchNamespaces()).isEmpty();
    assertThat(settings.leaderElection()).isTrue();
    assertThat(settings.leaseName()).isEqualTo(FULLNAME);
    assertThat(settings.leaseNamespace()).isEqualTo(NAMESPACE);
    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void watchedNamespacesSetting() {
    OperatorSettings settings = settings(operatorContainer(OperatorChart.withValues("""
        watchNamespaces: [prompt-lab, staging]
        """)));

    assertThat(settings.watchNamespaces()).containsExactlyInAnyOrder("prompt-lab", "staging");
  }

  @Test
  void singleReplicaWithoutLeaderElection() {
    Deployment deployment = deployment(OperatorChart.withValues(SINGLE_REPLICA));
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(settings(container).leaderElection()).isFalse();
    assertThat(container.getEnv()).extracting(EnvVar::getName).doesNotContain(OperatorSettings.LEASE_NAME);
  }

  @Test
  void gracePeriodCoversShutdown() {
    PodSpec pod = podSpec(OperatorChart.withValues("""
        shutdownTimeoutSeconds: 50
        """));

    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(60L);
    assertThat(settings(pod.getContainers().get(0)).shutdownTimeout()).isEqualTo(Duration.ofSeconds(50));
  }

  @Test
  void oneReplicaNotSpread() {
    assertThat(podSpec(OperatorChart.withDefaults()).getTopologySpreadConstraints()).isEmpty();
  }

  @Test
  void replicasSpreadAcrossNodes() {
    Deployment deployment = deployment(OperatorChart.withValues(THREE_REPLICAS));
    TopologySpreadConstraint spread = deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().get(0);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).hasSize(1);
    assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(spread.getMaxSkew()).isEqualTo(1);
    assertThat(spread.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
    assertThat(spread.getLabelSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void selectorMatchesPodLabels() {
    Deployment deployment = deployment(OperatorChart.withDefaults());

    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .containsOnlyKeys("app.kubernetes.io/name", "app.kubernetes.io/instance");
  }

  @Test
  void serviceAccountUsed() {
    PodSpec pod = podSpec(OperatorChart.withDefaults());

    assertThat(pod.getServiceAccountName()).isEqualTo(FULLNAME);
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
  }

  @Test
  void imageDefaultsToAppVersion() {
    assertThat(operatorContainer(OperatorChart.withDefaults()).getImage())
        .isEqualTo("ghcr.io/example/prompt-lab-operator:0.1.0");
  }

  @Test
  void imageDigestWins() {
    Container container = operatorContainer(OperatorChart.withValues("""
        image:
          tag: "9.9.9"
          digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
        """));

    assertThat(container.getImage()).isEqualTo("ghcr.io/example/prompt-lab-operator"
        + "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  }

  @Test
  void replicasNeedLeaderElection() {
    OperatorChart chart = OperatorChart.withValues("""
        replicaCount: 2
        leaderElection:
          enabled: false
        """);

    assertThatThrownBy(chart::render).hasMessageContaining("replicaCount=2 needs leaderElection.enabled=true");
  }

  @Test
  void invalidNamespaceRejected() {
    OperatorChart chart = OperatorChart.withValues("""
        watchNamespaces: ["Prompt_Lab"]
        """);

    assertThatThrownBy(chart::render).hasMessageContaining("watchNamespaces contains \"Prompt_Lab\"");
  }

  @Test
  void starNamespaceRejected() {
    OperatorChart chart = OperatorChart.withValues("""
        watchNamespaces: ["*"]
        """);

    assertThatThrownBy(chart::render).hasMessageContaining("leave the list empty to watch all namespaces");
  }

  @Test
  void repeatedNamespaceRejected() {
    OperatorChart chart = OperatorChart.withValues("""
        watchNamespaces: [prompt-lab, prompt-lab]
        """);

    assertThatThrownBy(chart::render).hasMessageContaining("watchNamespaces lists \"prompt-lab\" twice");
  }

  private static Deployment deployment(OperatorChart chart) {
    return chart.render().get(Deployment.class, NAMESPACE, FULLNAME);
  }

  private static PodSpec podSpec(OperatorChart chart) {
    return deployment(chart).getSpec().getTemplate().getSpec();
  }

  private static Container operatorContainer(OperatorChart chart) {
    PodSpec pod = podSpec(chart);
    assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("operator");
    return pod.getContainers().get(0);
  }

  /**
   * Reads the container's environment as the operator does at start. POD_NAMESPACE comes from the downward API,
   * so it is filled in as the kubelet would.
   */
  private static OperatorSettings settings(Container container) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValueFrom() != null) {
        assertThat(variable.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        env.put(variable.getName(), NAMESPACE);
      } else {
        env.put(variable.getName(), variable.getValue());
      }
    }
    assertThat(env.keySet()).as("variables the chart sets").isSubsetOf(Set.of(OperatorSettings.WATCH_NAMESPACES,
        OperatorSettings.LEADER_ELECTION, OperatorSettings.LEASE_NAME, OperatorSettings.LEASE_NAMESPACE,
        OperatorSettings.POD_NAMESPACE, OperatorSettings.HTTP_PORT, OperatorSettings.SHUTDOWN_TIMEOUT));
    return OperatorSettings.fromEnvironment(env);
  }
}
