package dev.orbitar.promptlab.operator.helm;

import static dev.orbitar.promptlab.operator.helm.OperatorChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every object the chart renders, in each values case: parsed into a typed Fabric8 model with no unknown field,
 * labelled with the recommended app.kubernetes.io labels, and placed in the release namespace.
 */
class ChartObjectsTest {

  private static final List<String> CASES = List.of(
      "{}",
      """
      watchNamespaces: [prompt-lab, staging]
      knative:
        enabled: true
      """,
      """
      replicaCount: 1
      leaderElection:
        enabled: false
      """,
      """
      replicaCount: 2
      metrics:
        serviceMonitor:
          enabled: true
      extraEnv:
        - name: JAVA_TOOL_OPTIONS
          value: -Xss512k
      podAnnotations:
        example.com/team: platform
      nodeSelector:
        kubernetes.io/os: linux
      tolerations:
        - key: dedicated
          operator: Equal
          value: operators
          effect: NoSchedule
      imagePullSecrets:
        - name: registry
      """);

  @Test
  void everyObjectTyped() {
    for (String values : CASES) {
      for (HasMetadata object : OperatorChart.withValues(values).render().objects()) {
        assertThat(object).as("%s with values %s", RenderedChart.describe(object), values)
            .isNotInstanceOf(GenericKubernetesResource.class);
      }
    }
  }

  @Test
  void noUnknownFields() {
    for (String values : CASES) {
      for (HasMetadata object : OperatorChart.withValues(values).render().objects()) {
        assertThat(UnknownFields.of(object)).as("%s with values %s", RenderedChart.describe(object), values)
            .isEmpty();
      }
    }
  }

  @Test
  void recommendedLabels() {
    for (String values : CASES) {
      for (HasMetadata object : OperatorChart.withValues(values).render().objects()) {
        Map<String, String> labels = object.getMetadata().getLabels();
        assertThat(labels).as("%s with values %s", RenderedChart.describe(object), values).contains(
            Map.entry("app.kubernetes.io/name", "prompt-lab-operator"),
            Map.entry("app.kubernetes.io/instance", OperatorChart.RELEASE),
            Map.entry("app.kubernetes.io/version", "0.1.0"),
            Map.entry("app.kubernetes.io/component", "operator"),
            Map.entry("app.kubernetes.io/part-of", "prompt-lab"),
            Map.entry("app.kubernetes.io/managed-by", "Helm"));
      }
    }
  }

  @Test
  void namespacedObjectsInReleaseNamespace() {
    for (String values : CASES) {
      for (HasMetadata object : OperatorChart.withValues(values).render().objects()) {
        boolean watchedNamespaceRbac = (object instanceof Role || object instanceof RoleBinding)
            && !object.getMetadata().getName().endsWith("-leader-election");
        if (object instanceof Namespaced && !watchedNamespaceRbac) {
          assertThat(object.getMetadata().getNamespace()).as("%s with values %s", RenderedChart.describe(object),
              values).isEqualTo(NAMESPACE);
        }
      }
    }
  }

  @Test
  void defaultsRenderExpectedObjects() {
    assertThat(OperatorChart.withDefaults().render().objects()).extracting(RenderedChart::describe)
        .containsExactlyInAnyOrder(
            "ServiceAccount " + NAMESPACE + "/lab-prompt-lab-operator",
            "ClusterRole lab-prompt-lab-operator",
            "ClusterRoleBinding lab-prompt-lab-operator",
            "Role " + NAMESPACE + "/lab-prompt-lab-operator-leader-election",
            "RoleBinding " + NAMESPACE + "/lab-prompt-lab-operator-leader-election",
            "Service " + NAMESPACE + "/lab-prompt-lab-operator-metrics",
            "Deployment " + NAMESPACE + "/lab-prompt-lab-operator");
  }
}
