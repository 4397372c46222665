package dev.orbitar.promptlab.operator.render;

/**
 * Small text helpers shared by the renderers.
 */
final class RenderYaml {

  private RenderYaml() {
  }

  /** Returns a YAML document without the leading {@code ---} the serializer writes, ending in one newline. */
  static String document(String yaml) {
    String body = yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    return body.endsWith("\n") ? body : body + "\n";
  }
}
