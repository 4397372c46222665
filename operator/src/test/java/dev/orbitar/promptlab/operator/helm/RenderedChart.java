package dev.orbitar.promptlab.operator.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/** The objects of one {@code helm template} run, parsed by the Fabric8 model. */
record RenderedChart(List<HasMetadata> objects) {

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String name) {
    return all(type).stream()
        .filter(object -> name.equals(object.getMetadata().getName()))
        .filter(object -> namespace == null || namespace.equals(object.getMetadata().getNamespace()))
        .findFirst();
  }

  /** Returns the object of this type, kind and name, failing the test with the rendered names when it is absent. */
  <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
    return find(type, namespace, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " "
        + namespace + "/" + name + " among " + objects.stream().map(RenderedChart::describe).toList()));
  }

  static String describe(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
  }
}
