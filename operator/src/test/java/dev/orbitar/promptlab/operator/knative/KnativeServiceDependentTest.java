package dev.orbitar.promptlab.operator.knative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.support.MockCluster;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The desired Knative Service, built without a cluster. */
class KnativeServiceDependentTest {

  private PromptLabSchedule schedule;

  @BeforeEach
  void load() {
    schedule = MockCluster.example("hourly-knative.yaml");
    schedule.getMetadata().setNamespace("prompt-lab");
  }

  @Test
  void maxSafeKeepsWorkerDefault() {
    assertThat(env("LAB_MAX_SAFE").getValue()).isEqualTo("200");
  }

  @Test
  void maxSafeFollowsLargeBatchLimit() {
    schedule.getSpec().setBatchLimit(500);

    assertThat(env("LAB_MAX_SAFE").getValue()).isEqualTo("500");
    assertThat(env("LAB_BATCH_LIMIT").getValue()).isEqualTo("500");
  }

  @Test
  void noDownwardApiVariables() {
    // Knative Serving rejects fieldRef in env unless its kubernetes.podspec-fieldref flag is on.
    assertThat(KnativeServiceDependent.desiredService(schedule).getSpec().getTemplate().getSpec().getContainers()
        .get(0).getEnv()).noneMatch(variable -> variable.getValueFrom() != null
            && variable.getValueFrom().getFieldRef() != null);
  }

  private EnvVar env(String name) {
    return KnativeServiceDependent.desiredService(schedule).getSpec().getTemplate().getSpec().getContainers().get(0)
        .getEnv().stream()
        .filter(variable -> variable.getName().equals(name))
        .findFirst().orElseThrow();
  }
}
