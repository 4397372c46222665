package dev.orbitar.promptlab.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.operator.support.MockCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiServerCheckTest {

  @Test
  void closedPortNamesServerAndCause() {
    // A loopback port nothing listens on, so the connection is refused at once.
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1").withTrustCerts(true)
        .build();

    Optional<String> problem = ApiServerCheck.problem(config);

    // The JDK decides whether the ConnectException has a message, so only the frame of the line is fixed.
    assertThat(problem).isPresent();
    assertThat(problem.get())
        .startsWith("Cannot reach the Kubernetes API at https://127.0.0.1:1/: connection failed (");
    assertThat(problem.get()).endsWith("); check KUBECONFIG or in-cluster credentials");
  }

  @Test
  void reachableServerPasses() {
    try (MockCluster cluster = new MockCluster()) {
      assertThat(ApiServerCheck.problem(cluster.client().getConfiguration())).isEmpty();
    }
  }
}
