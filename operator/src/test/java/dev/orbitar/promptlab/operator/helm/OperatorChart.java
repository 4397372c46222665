package dev.orbitar.promptlab.operator.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders the operator's Helm chart with real Helm (helm-java loads Helm as a native library) and parses each
 * rendered object with the Fabric8 model.
 */
final class OperatorChart {

  static final Path DIRECTORY = Path.of("..", "helm", "prompt-lab-operator");
  static final String RELEASE = "lab";
  static final String NAMESPACE = "prompt-lab-system";
  /** The release's full name: the release name followed by the chart name. */
  static final String FULLNAME = "lab-prompt-lab-operator";

  /** Renderings by values file, because several tests read the same one; tests never change the objects. */
  private static final Map<String, RenderedChart> RENDERED = new ConcurrentHashMap<>();

  private final String valuesYaml;

  private OperatorChart(String valuesYaml) {
    this.valuesYaml = valuesYaml;
  }

  /** Starts a rendering with the chart's default values. */
  static OperatorChart withDefaults() {
    return new OperatorChart("");
  }

  /**
   * Starts a rendering with a values file that overrides some defaults. A file rather than helm-java's
   * {@code set}, which passed the list {@code {a,b}} to the chart as one string.
   */
  static OperatorChart withValues(String valuesYaml) {
    return new OperatorChart(valuesYaml);
  }

  /** Runs {@code helm template}; a template that fails raises an exception carrying Helm's message. */
  RenderedChart render() {
    RenderedChart rendered = RENDERED.get(valuesYaml);
    if (rendered == null) {
      rendered = renderUncached();
      RENDERED.put(valuesYaml, rendered);
    }
    return rendered;
  }

  private RenderedChart renderUncached() {
    TemplateCommand command = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE);
    if (!valuesYaml.isEmpty()) {
      command.withValuesFile(writeValues());
    }
    return new RenderedChart(parse(command.call()));
  }

  private Path writeValues() {
    try {
      Path file = Files.createTempFile("prompt-lab-operator-values", ".yaml");
      file.toFile().deleteOnExit();
      return Files.writeString(file, valuesYaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<HasMetadata> parse(String manifest) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : manifest.split("(?m)^---\\s*$")) {
      if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
        continue;
      }
      objects.add(Serialization.unmarshal(document, HasMetadata.class));
    }
    return objects;
  }
}
