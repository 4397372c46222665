package dev.orbitar.promptlab.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's crds/ folder against the project's crds/. The build copies the generated CRD into both at
 * package, and this test fails while the chart's copy is missing or differs.
 */
class ChartCrdTest {

  private static final Path PROJECT_CRDS = Path.of("..", "crds");
  private static final Path CHART_CRDS = OperatorChart.DIRECTORY.resolve("crds");

  @Test
  void chartCrdsMatchProject() throws IOException {
    assertThat(fileNames(CHART_CRDS)).isEqualTo(fileNames(PROJECT_CRDS));

    for (String name : fileNames(PROJECT_CRDS)) {
      assertThat(Files.readString(CHART_CRDS.resolve(name)))
          .as("helm/prompt-lab-operator/crds/%s differs from crds/%s: run "
              + "./mvnw -B -pl operator package -DskipTests, review the change and commit both", name, name)
          .isEqualTo(Files.readString(PROJECT_CRDS.resolve(name)));
    }
  }

  @Test
  void helmReadsTheCrd() throws IOException {
    String helmCrd = new Helm(OperatorChart.DIRECTORY).show().crds().call();
    CustomResourceDefinition project = Serialization.unmarshal(
        Files.readString(PROJECT_CRDS.resolve("promptlabschedules.promptlab.orbitar.dev-v1.yml")),
        CustomResourceDefinition.class);

    assertThat(Serialization.unmarshal(helmCrd, CustomResourceDefinition.class)).isEqualTo(project);
  }

  @Test
  void crdHasNoUnknownFields() {
    String helmCrd = new Helm(OperatorChart.DIRECTORY).show().crds().call();

    assertThat(UnknownFields.of(Serialization.unmarshal(helmCrd, CustomResourceDefinition.class))).isEmpty();
  }

  private static List<String> fileNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
