package dev.orbitar.promptlab.operator.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.operator.api.LastRun;
import dev.orbitar.promptlab.operator.dependents.CronJobDependent;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the outcome of a schedule's most recent finished Job from the worker pods' termination messages, the
 * one-line JSON {@code {"batchId":..,"runsCreated":N,"scoresCreated":N,"failures":N}} the worker writes on exit.
 */
public class LastRunReader {

  private static final Logger LOG = LoggerFactory.getLogger(LastRunReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Label the Job controller puts on the pods of a Job. */
  static final String JOB_NAME_LABEL = "job-name";

  private final KubernetesClient client;

  public LastRunReader(KubernetesClient client) {
    this.client = client;
  }

  /** Returns the most recently finished Job among {@code jobs}, if any has finished. */
  public static Optional<Job> latestFinished(Collection<Job> jobs) {
    return jobs.stream()
        .filter(job -> finishedAt(job).isPresent())
        .max(Comparator.comparing((Job job) -> finishedAt(job).orElseThrow())
            .thenComparing(job -> job.getMetadata().getName()));
  }

  /**
   * Returns the last run of {@code job}; when {@code previous} already describes that Job, it is returned as is,
   * so the pods are listed once per finished Job and not on every reconcile.
   */
  public LastRun read(Job job, LastRun previous) {
    String jobName = job.getMetadata().getName();
    if (previous != null && jobName.equals(previous.getJobName())) {
      return previous;
    }

    LastRun run = new LastRun();
    run.setJobName(jobName);
    run.setSucceeded(hasCondition(job, "Complete"));
    run.setFinishedAt(finishedAt(job).orElse(null));

    List<Pod> pods = client.pods()
        .inNamespace(job.getMetadata().getNamespace())
        .withLabel(JOB_NAME_LABEL, jobName)
        .list()
        .getItems()
        .stream()
        .filter(pod -> isOwnedBy(pod, job))
        .toList();

    int reported = 0;
    for (Pod pod : pods) {
      Optional<JsonNode> summary = terminationMessage(pod).flatMap(message -> parse(message, pod));
      if (summary.isPresent()) {
        add(run, summary.get());
        reported++;
      }
    }

    if (reported == 0) {
      run.setMessage(pods.isEmpty()
          ? "the Job's pods are gone, so the batch counts are unknown"
          : "no worker pod wrote a batch summary to " + CronJobDependent.TERMINATION_MESSAGE_PATH);
    } else if (!run.getSucceeded()) {
      run.setMessage(failureMessage(job));
    }
    return run;
  }

  private static void add(LastRun run, JsonNode summary) {
    if (run.getBatchId() == null && summary.hasNonNull("batchId")) {
      run.setBatchId(summary.get("batchId").asText());
    }
    run.setRunsCreated(sum(run.getRunsCreated(), summary.get("runsCreated")));
    run.setScoresCreated(sum(run.getScoresCreated(), summary.get("scoresCreated")));
    run.setFailures(sum(run.getFailures(), summary.get("failures")));
  }

  private static Integer sum(Integer total, JsonNode value) {
    int add = value != null && value.canConvertToInt() ? value.asInt() : 0;
    return total == null ? add : total + add;
  }

  private static Optional<String> terminationMessage(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(status -> CronJobDependent.CONTAINER_NAME.equals(status.getName()))
        .map(LastRunReader::terminated)
        .filter(Objects::nonNull)
        .map(ContainerStateTerminated::getMessage)
        .filter(message -> message != null && !message.isBlank())
        .findFirst();
  }

  private static ContainerStateTerminated terminated(ContainerStatus status) {
    if (status.getState() != null && status.getState().getTerminated() != null) {
      return status.getState().getTerminated();
    }
    return status.getLastState() == null ? null : status.getLastState().getTerminated();
  }

  private static Optional<JsonNode> parse(String message, Pod pod) {
    // With FallbackToLogsOnError the message may be a log tail; the summary is its last JSON line.
    String[] lines = message.strip().split("\n");
    String last = lines[lines.length - 1].strip();
    if (!last.startsWith("{")) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(last);
      return node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException e) {
      LOG.warn("Ignored the termination message of pod {}/{}: not JSON ({})", pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(), e.getOriginalMessage());
      return Optional.empty();
    }
  }

  private static boolean isOwnedBy(Pod pod, Job job) {
    String uid = job.getMetadata().getUid();
    return uid == null || pod.getMetadata().getOwnerReferences().stream()
        .anyMatch(owner -> uid.equals(owner.getUid()));
  }

  /** Returns when {@code job} completed or failed; empty while it runs. */
  public static Optional<Instant> finishedAt(Job job) {
    if (job.getStatus() == null) {
      return Optional.empty();
    }
    if (job.getStatus().getCompletionTime() != null && hasCondition(job, "Complete")) {
      return Optional.of(Instant.parse(job.getStatus().getCompletionTime()));
    }
    return condition(job, "Failed").map(failed -> failed.getLastTransitionTime() == null
        ? Instant.EPOCH : Instant.parse(failed.getLastTransitionTime()));
  }

  private static String failureMessage(Job job) {
    return condition(job, "Failed")
        .map(failed -> "the Job failed: " + Objects.requireNonNullElse(failed.getReason(), "unknown reason")
            + (failed.getMessage() == null ? "" : " (" + failed.getMessage() + ")"))
        .orElse("the Job failed");
  }

  private static boolean hasCondition(Job job, String type) {
    return condition(job, type).isPresent();
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(condition -> type.equals(condition.getType()) && "True".equals(condition.getStatus()))
        .findFirst();
  }
}
