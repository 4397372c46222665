package dev.orbitar.promptlab.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

  @Test
  void defaultsWatchAllNamespaces() {
    OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of("POD_NAMESPACE", "prompt-lab-system"));

    assertThat(settings.watchNamespaces()).isEmpty();
    assertThat(settings.leaderElection()).isTrue();
    assertThat(settings.leaseNamespace()).isEqualTo("prompt-lab-system");
    assertThat(settings.leaseName()).isEqualTo("prompt-lab-operator");
    assertThat(settings.httpPort()).isEqualTo(8080);
  }

  @Test
  void namespaceList() {
    OperatorSettings settings = OperatorSettings.fromEnvironment(
        Map.of("WATCH_NAMESPACES", "prompt-lab, staging", "LEADER_ELECTION", "false"));

    assertThat(settings.watchNamespaces()).containsExactlyInAnyOrder("prompt-lab", "staging");
  }

  @Test
  void starMeansAll() {
    OperatorSettings settings = OperatorSettings.fromEnvironment(
        Map.of("WATCH_NAMESPACES", "*", "LEADER_ELECTION", "false"));

    assertThat(settings.watchNamespaces()).isEmpty();
  }

  @Test
  void invalidNamespaceNamed() {
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(
        Map.of("WATCH_NAMESPACES", "Prompt_Lab", "LEADER_ELECTION", "false")))
        .hasMessageContaining("WATCH_NAMESPACES")
        .hasMessageContaining("Prompt_Lab");
  }

  @Test
  void leaseNeedsNamespace() {
    // Outside a pod there is no service account namespace file, so the setting must be given.
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of()))
        .hasMessageContaining("LEADER_ELECTION_NAMESPACE");
  }

  @Test
  void invalidPortNamed() {
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(
        Map.of("OPERATOR_HTTP_PORT", "80a", "LEADER_ELECTION", "false")))
        .hasMessageContaining("OPERATOR_HTTP_PORT=\"80a\"");
  }

  @Test
  void invalidBooleanNamed() {
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("LEADER_ELECTION", "yes")))
        .hasMessageContaining("LEADER_ELECTION=\"yes\"");
  }
}
