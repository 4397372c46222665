package dev.orbitar.promptlab.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orbitar.promptlab.operator.OperatorSettings;
import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.support.MockCluster;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

  private MockCluster cluster;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    // Before it competes, JOSDK sends a SelfSubjectRulesReview to check its Lease permissions. The mock server
    // does not evaluate RBAC, so the review's result is set here.
    cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder()
            .withNewStatus()
            .withIncomplete(false)
            .addToResourceRules(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io")
                .withResources("leases").withVerbs("get", "create", "update").build())
            .endStatus()
            .build())
        .always();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void leaderTakesLeaseAndReconciles() {
    // The test JVM must survive the operator's stop, which ends its leadership.
    cluster.startOperator(new OperatorSettings(Set.of("leader"), true, "prompt-lab-operator", "operator-system", 0,
        Duration.ofSeconds(5), false, MockCluster.KNATIVE_RECHECK));
    PromptLabSchedule schedule = MockCluster.example("hourly.yaml");
    schedule.getMetadata().setNamespace("leader");
    cluster.client().resource(schedule).create();

    Lease lease = await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().leases()
        .inNamespace("operator-system").withName("prompt-lab-operator").get(), Objects::nonNull);
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().batch().v1().cronjobs().inNamespace("leader")
        .withName("hourly-prompt-lab").get(), Objects::nonNull);

    assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
  }

  @Test
  void otherNamespacesIgnored() {
    cluster.startOperator(new OperatorSettings(Set.of("watched"), false, "unused", null, 0, Duration.ofSeconds(5),
        false, MockCluster.KNATIVE_RECHECK));
    for (String namespace : new String[] {"watched", "ignored"}) {
      PromptLabSchedule schedule = MockCluster.example("hourly.yaml");
      schedule.getMetadata().setNamespace(namespace);
      cluster.client().resource(schedule).create();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().batch().v1().cronjobs().inNamespace("watched")
        .withName("hourly-prompt-lab").get(), Objects::nonNull);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> cluster.client().batch().v1()
        .cronjobs().inNamespace("ignored").list().getItems().isEmpty());

    assertThat(cluster.client().batch().v1().cronjobs().inNamespace("ignored").list().getItems()).isEmpty();
  }
}
