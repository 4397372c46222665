package dev.orbitar.promptlab.operator.knative;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbitar.promptlab.operator.dependents.ScheduleLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * Passes a Knative Service or PingSource update on to the reconciler only when the spec changed (generation or
 * desired-hash) or what the schedule's status mirrors changed: the URL and the Ready condition. Knative's
 * controllers rewrite other status fields (observedGeneration, traffic, addresses) that the schedule does not show.
 */
public class ReadinessUpdateFilter implements OnUpdateFilter<HasMetadata> {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Override
  public boolean accept(HasMetadata updated, HasMetadata previous) {
    if (!Objects.equals(updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration())) {
      return true;
    }
    if (!Objects.equals(hash(updated), hash(previous))) {
      return true;
    }
    return !Objects.equals(observed(updated), observed(previous));
  }

  private static String hash(HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ScheduleLabels.DESIRED_HASH_ANNOTATION);
  }

  private static String observed(HasMetadata resource) {
    JsonNode status = SERIALIZATION.convertValue(resource, JsonNode.class).path("status");
    return status.path("url").asText("") + "|" + KnativeReadiness.readyCondition(status);
  }
}
