package dev.orbitar.promptlab.operator.dependents;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether an observed resource (CronJob, Knative Service, PingSource) still matches the desired one, looking
 * only at what the operator owns.
 *
 * <p>The API server and Knative's webhooks add defaults (dnsPolicy, schedulerName, traffic, ...) and other tools
 * may add labels and annotations, so a full comparison would update on every reconcile. A match needs:
 * <ul>
 *   <li>the desired-spec hash annotation to be unchanged, which catches fields removed from the spec;</li>
 *   <li>every field of the desired spec to be present with the same value in the observed spec, which catches
 *       edits made to the CronJob by hand; quantities such as {@code 500m} and {@code 0.5} compare by value;</li>
 *   <li>the desired labels and the controller owner reference to be present.</li>
 * </ul>
 */
public final class OwnedFieldsMatcher {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private OwnedFieldsMatcher() {
  }

  public static boolean matches(HasMetadata actual, HasMetadata desired) {
    if (!Objects.equals(annotation(actual), annotation(desired))) {
      return false;
    }

    Map<String, String> actualLabels = actual.getMetadata().getLabels();
    for (Map.Entry<String, String> label : desired.getMetadata().getLabels().entrySet()) {
      if (actualLabels == null || !label.getValue().equals(actualLabels.get(label.getKey()))) {
        return false;
      }
    }

    for (OwnerReference owner : desired.getMetadata().getOwnerReferences()) {
      boolean present = actual.getMetadata().getOwnerReferences().stream()
          .anyMatch(reference -> Objects.equals(reference.getUid(), owner.getUid())
              && Boolean.TRUE.equals(reference.getController()));
      if (!present) {
        return false;
      }
    }

    return contains(spec(actual), spec(desired), null);
  }

  /**
   * Returns a hash of {@code resource}'s spec and labels, stored in the desired-hash annotation so that a field
   * removed from the schedule is noticed as a change.
   */
  public static String desiredHash(HasMetadata resource) {
    String owned = SERIALIZATION.asJson(spec(resource)) + SERIALIZATION.asJson(resource.getMetadata().getLabels());
    return ResourceNames.sha256Hex(owned).substring(0, 16);
  }

  private static JsonNode spec(HasMetadata resource) {
    return SERIALIZATION.convertValue(resource, JsonNode.class).get("spec");
  }

  private static String annotation(HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ScheduleLabels.DESIRED_HASH_ANNOTATION);
  }

  /** Returns whether {@code actual} contains every field of {@code desired} with an equal value. */
  static boolean contains(JsonNode actual, JsonNode desired, String fieldName) {
    if (desired == null || desired.isNull()) {
      return true;
    }
    if (actual == null || actual.isNull()) {
      return desired.isEmpty() && (desired.isObject() || desired.isArray());
    }

    if (desired.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!contains(actual.get(field.getKey()), field.getValue(), field.getKey())) {
          return false;
        }
      }
      return true;
    }

    if (desired.isArray()) {
      // Lists (containers, env, volumes, tolerations) are owned whole: same length, same order.
      if (!actual.isArray() || actual.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(actual.get(i), desired.get(i), fieldName)) {
          return false;
        }
      }
      return true;
    }

    if (actual.equals(desired)) {
      return true;
    }
    return isQuantity(fieldName, actual, desired)
        && new Quantity(actual.asText()).equals(new Quantity(desired.asText()));
  }

  private static boolean isQuantity(String fieldName, JsonNode actual, JsonNode desired) {
    // Resource maps are keyed by resource name (cpu, memory, ...), so the value's own field name is the key.
    return fieldName != null && actual.isValueNode() && desired.isValueNode()
        && (fieldName.equals("cpu") || fieldName.equals("memory") || fieldName.equals("ephemeral-storage")
            || fieldName.startsWith("hugepages-") || fieldName.contains("/") || fieldName.equals("sizeLimit"));
  }
}
