package dev.orbitar.promptlab.operator.render;

import dev.orbitar.promptlab.operator.api.ConcurrencyPolicy;
import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleSpec;
import dev.orbitar.promptlab.operator.api.WorkerSpec;
import dev.orbitar.promptlab.operator.dependents.CronJobDependent;
import dev.orbitar.promptlab.operator.dependents.ResourceNames;
import dev.orbitar.promptlab.operator.dependents.WorkerEnvironment;
import dev.orbitar.promptlab.operator.schedule.CronSchedule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders what Cloud Run needs for a schedule, as a shell script: it writes the Cloud Run Job manifest, deploys it
 * with {@code gcloud run jobs replace}, and creates the Cloud Scheduler job that calls the Job's run endpoint with
 * an OAuth token, in the schedule's time zone.
 *
 * <p>Kubernetes Secret keys become Secret Manager secrets named {@code <secret>-<key>}, read at their latest
 * version: one Kubernetes Secret may hold several keys, and a Secret Manager secret holds one value.
 */
final class CloudRunRenderer {

  static final String RUN_API = "https://run.googleapis.com/v2";
  static final String TOKEN_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
  /** The heredoc delimiter around the manifest; the tests cut the manifest out between these lines. */
  static final String MANIFEST_END = "MANIFEST";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private CloudRunRenderer() {
  }

  static String render(PromptLabSchedule schedule, CronSchedule cron) {
    PromptLabScheduleSpec spec = schedule.getSpec();
    String name = ResourceNames.cronJobName(schedule.getMetadata().getName());
    Set<String> secrets = new LinkedHashSet<>();
    String manifest = RenderYaml.document(SERIALIZATION.asYaml(job(schedule, name, secrets)));
    String zone = Objects.requireNonNullElse(spec.getTimeZone(), PromptLabScheduleSpec.DEFAULT_TIME_ZONE);

    StringBuilder script = new StringBuilder();
    script.append("#!/bin/sh\n")
        .append("# Cloud Run Job and Cloud Scheduler trigger for PromptLabSchedule ")
        .append(schedule.getMetadata().getName()).append(", rendered by prompt-lab-operator.\n")
        .append("#\n")
        .append("# Before running it, set PROJECT_ID, REGION and SCHEDULER_SA (the e-mail of the service account\n")
        .append("# Cloud Scheduler calls the Job as; it needs roles/run.invoker), and create these Secret Manager\n")
        .append("# secrets, readable by the Job's service account:\n");
    for (String secret : secrets) {
      script.append("#   ").append(secret).append('\n');
    }
    for (String note : notCarriedOver(spec)) {
      script.append(comment(note));
    }
    script.append("set -eu\n")
        .append(": \"${PROJECT_ID:?set PROJECT_ID to the Google Cloud project id}\"\n")
        .append(": \"${REGION:?set REGION to the Cloud Run region, for example europe-west1}\"\n")
        .append(": \"${SCHEDULER_SA:?set SCHEDULER_SA to the e-mail of the service account that calls the Job}\"\n")
        .append('\n')
        .append("cat > ").append(name).append(".job.yaml <<'").append(MANIFEST_END).append("'\n")
        .append(manifest)
        .append(MANIFEST_END).append('\n')
        .append("gcloud run jobs replace ").append(name).append(".job.yaml --project=\"$PROJECT_ID\" ")
        .append("--region=\"$REGION\"\n")
        .append('\n')
        .append("gcloud scheduler jobs create http ").append(name).append(" \\\n")
        .append("  --project=\"$PROJECT_ID\" \\\n")
        .append("  --location=\"$REGION\" \\\n")
        .append("  --schedule=\"").append(cron.unixCronFields()).append("\" \\\n")
        .append("  --time-zone=\"").append(zone).append("\" \\\n")
        .append("  --uri=\"").append(RUN_API).append("/projects/$PROJECT_ID/locations/$REGION/jobs/")
        .append(name).append(":run\" \\\n")
        .append("  --http-method=POST \\\n")
        .append("  --oauth-service-account-email=\"$SCHEDULER_SA\" \\\n")
        .append("  --oauth-token-scope=\"").append(TOKEN_SCOPE).append("\"\n");
    if (Boolean.TRUE.equals(spec.getSuspend())) {
      script.append("# spec.suspend is true: the trigger is paused until you resume it.\n")
          .append("gcloud scheduler jobs pause ").append(name)
          .append(" --project=\"$PROJECT_ID\" --location=\"$REGION\"\n");
    }
    return script.toString();
  }

  /** Builds the Cloud Run Job manifest (run.googleapis.com/v1, the form gcloud run jobs replace reads). */
  static GenericKubernetesResource job(PromptLabSchedule schedule, String name, Set<String> secrets) {
    PromptLabScheduleSpec spec = schedule.getSpec();
    WorkerSpec worker = spec.getWorker();

    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", CronJobDependent.CONTAINER_NAME);
    container.put("image", worker.getImage());
    container.put("args", List.of(CronJobDependent.WORKER_COMMAND));
    container.put("env", env(spec, secrets));
    if (worker.getResources() != null && worker.getResources().getLimits() != null
        && !worker.getResources().getLimits().isEmpty()) {
      // Cloud Run sizes an instance by its limits; requests have no meaning there.
      Map<String, String> limits = new LinkedHashMap<>();
      worker.getResources().getLimits().forEach((resource, quantity) -> limits.put(resource, quantity.toString()));
      container.put("resources", Map.of("limits", limits));
    }

    Map<String, Object> taskSpec = new LinkedHashMap<>();
    taskSpec.put("containers", List.of(container));
    taskSpec.put("maxRetries", spec.getBackoffLimit());
    // An int64 in Cloud Run's API, which its YAML form writes as a string.
    taskSpec.put("timeoutSeconds", String.valueOf(spec.getActiveDeadlineSeconds()));
    if (worker.getServiceAccountName() != null) {
      taskSpec.put("serviceAccountName", worker.getServiceAccountName());
    }

    Map<String, Object> executionSpec = new LinkedHashMap<>();
    // Each task runs one worker; like the CronJob's parallel pods they share the batch's tasks through task leases.
    executionSpec.put("taskCount", spec.getParallelism());
    executionSpec.put("parallelism", spec.getParallelism());
    executionSpec.put("template", Map.of("spec", taskSpec));

    return new GenericKubernetesResourceBuilder()
        .withApiVersion("run.googleapis.com/v1")
        .withKind("Job")
        .withNewMetadata()
        .withName(name)
        .addToLabels("prompt-lab-schedule", googleLabelValue(schedule.getMetadata().getName()))
        .endMetadata()
        .addToAdditionalProperties("spec", Map.of("template", Map.of("spec", executionSpec)))
        .build();
  }

  private static List<Map<String, Object>> env(PromptLabScheduleSpec spec, Set<String> secrets) {
    List<Map<String, Object>> env = new ArrayList<>();
    for (EnvVar variable : WorkerEnvironment.forSpec(spec)) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", variable.getName());
      if (variable.getValueFrom() == null) {
        entry.put("value", Objects.requireNonNullElse(variable.getValue(), ""));
      } else if (variable.getValueFrom().getSecretKeyRef() != null) {
        String secret = secretManagerName(variable.getValueFrom().getSecretKeyRef());
        secrets.add(secret + " (" + variable.getName() + ")");
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("name", secret);
        ref.put("key", "latest");
        entry.put("valueFrom", Map.of("secretKeyRef", ref));
      } else {
        throw new IllegalArgumentException("spec.worker.env " + variable.getName() + " takes its value from a source "
            + "Cloud Run does not have (only secretKeyRef is carried over): give it a value or a secretKeyRef");
      }
      env.add(entry);
    }
    return env;
  }

  /** Returns {@code text} as shell comment lines of at most 100 characters, continued lines indented. */
  private static String comment(String text) {
    StringBuilder lines = new StringBuilder();
    StringBuilder line = new StringBuilder("#");
    for (String word : text.split(" ")) {
      if (line.length() + 1 + word.length() > 100) {
        lines.append(line).append('\n');
        line = new StringBuilder("#  ");
      }
      line.append(' ').append(word);
    }
    return lines.append(line).append('\n').toString();
  }

  /** Returns the Secret Manager secret id for a Kubernetes Secret key: letters, digits, {@code -} and {@code _}. */
  static String secretManagerName(SecretKeySelector ref) {
    return (ref.getName() + "-" + ref.getKey()).replaceAll("[^A-Za-z0-9_-]", "-");
  }

  private static String googleLabelValue(String scheduleName) {
    return ResourceNames.labelValue(scheduleName).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
  }

  /** Lists what the schedule asks for that Cloud Run has no equivalent of, so the reader is not surprised. */
  private static List<String> notCarriedOver(PromptLabScheduleSpec spec) {
    List<String> notes = new ArrayList<>();
    if (spec.getConcurrencyPolicy() != ConcurrencyPolicy.Allow) {
      notes.add("Not carried over: concurrencyPolicy " + spec.getConcurrencyPolicy() + " (Cloud Scheduler starts "
          + "an execution even while the previous one runs; the worker's task leases keep them apart).");
    }
    notes.add("Not carried over: startingDeadlineSeconds (Cloud Scheduler retries a failed call, it does not "
        + "catch up on missed runs) and the Job history limits.");
    WorkerSpec worker = spec.getWorker();
    if (worker.getNodeSelector() != null && !worker.getNodeSelector().isEmpty()
        || worker.getTolerations() != null && !worker.getTolerations().isEmpty()) {
      notes.add("Not carried over: nodeSelector and tolerations (Cloud Run has no nodes to choose).");
    }
    if (worker.getResources() != null && worker.getResources().getRequests() != null
        && !worker.getResources().getRequests().isEmpty()) {
      notes.add("Not carried over: resource requests (Cloud Run sizes an instance by its limits).");
    }
    return notes;
  }
}
