package dev.orbitar.promptlab.operator.render;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.dependents.CronJobDependent;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Renders the CronJob the operator would create for a schedule, for clusters that run the Lab without the
 * operator. It is the operator's own desired CronJob without the owner reference, which needs the schedule's uid.
 */
final class KubernetesRenderer {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KubernetesRenderer() {
  }

  static String render(PromptLabSchedule schedule) {
    CronJob cronJob = CronJobDependent.desiredCronJob(schedule);
    cronJob.getMetadata().setOwnerReferences(null);

    String name = schedule.getMetadata().getName();
    return "# CronJob for PromptLabSchedule " + name + ", rendered by prompt-lab-operator.\n"
        + "# Apply it with: kubectl apply -n NAMESPACE -f FILE. The Secrets it names must exist in that namespace.\n"
        + RenderYaml.document(SERIALIZATION.asYaml(cronJob));
  }
}
