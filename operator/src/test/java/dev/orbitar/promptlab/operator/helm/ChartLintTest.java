package dev.orbitar.promptlab.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/**
 * {@code helm lint --strict} on the chart, where warnings fail as errors do. It lints the default values only,
 * because helm-java 0.0.16's lint takes no values file; the other tests render the non-default cases.
 */
class ChartLintTest {

  @Test
  void lintStrictPasses() {
    LintResult result = new Helm(OperatorChart.DIRECTORY).lint().strict().call();

    assertThat(result.getMessages()).as("lint messages").noneMatch(message -> message.contains("[ERROR]"));
    assertThat(result.getMessages()).as("lint messages").noneMatch(message -> message.contains("[WARNING]"));
    assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
  }
}
