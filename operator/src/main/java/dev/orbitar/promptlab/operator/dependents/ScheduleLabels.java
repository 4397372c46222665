package dev.orbitar.promptlab.operator.dependents;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels, annotations and the owner reference the operator puts on the resources it creates.
 */
public final class ScheduleLabels {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR_NAME = "prompt-lab-operator";
  /** Label selector of every informer over objects the operator created. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR_NAME;

  /** Full schedule name; an annotation because names may exceed the 63-character label limit. */
  public static final String SCHEDULE_ANNOTATION = "promptlab.orbitar.dev/schedule";
  /** Hash of the desired CronJob spec and labels, so that a removed field is noticed as a change. */
  public static final String DESIRED_HASH_ANNOTATION = "promptlab.orbitar.dev/desired-hash";

  private ScheduleLabels() {
  }

  /** Returns the recommended labels for objects of the schedule {@code scheduleName}. */
  public static Map<String, String> forSchedule(String scheduleName) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "prompt-lab-worker");
    labels.put("app.kubernetes.io/instance", ResourceNames.labelValue(scheduleName));
    labels.put("app.kubernetes.io/component", "batch");
    labels.put("app.kubernetes.io/part-of", "prompt-lab");
    labels.put(MANAGED_BY, OPERATOR_NAME);
    return labels;
  }

  /**
   * Returns the controller owner reference to {@code schedule}, through which Kubernetes' garbage collector deletes
   * the owned resource with the schedule.
   */
  public static OwnerReference controllerReference(PromptLabSchedule schedule) {
    return new OwnerReferenceBuilder()
        .withApiVersion(schedule.getApiVersion())
        .withKind(schedule.getKind())
        .withName(schedule.getMetadata().getName())
        .withUid(schedule.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
