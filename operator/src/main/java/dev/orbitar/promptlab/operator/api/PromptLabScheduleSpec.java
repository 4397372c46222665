package dev.orbitar.promptlab.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/**
 * When and how the Lab runs. Field initializers repeat the CRD defaults, because an API server without the CRD
 * schema (the test mock server) does not apply them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromptLabScheduleSpec {

  public static final String DEFAULT_TIME_ZONE = "Etc/UTC";

  @Required
  @Size(min = 1, max = 100)
  @ValidationRule(
      value = "!self.contains('TZ=')",
      message = "schedule must not carry a TZ= or CRON_TZ= prefix: set spec.timeZone instead")
  @JsonPropertyDescription("Five-field cron expression or a macro such as @hourly, as Kubernetes CronJobs read it.")
  private String schedule;

  @Default(DEFAULT_TIME_ZONE)
  @Size(min = 1, max = 64)
  @JsonPropertyDescription("IANA time zone id (Region/City or Etc/UTC) in which the schedule is read.")
  private String timeZone = DEFAULT_TIME_ZONE;

  @Default("20")
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Maximum number of tasks one batch picks up (LAB_BATCH_LIMIT).")
  private Integer batchLimit = 20;

  @Default("false")
  @JsonPropertyDescription("Stops new batches from starting; running batches finish.")
  private Boolean suspend = false;

  @Default("Forbid")
  @JsonPropertyDescription("What happens when a batch is due while the previous one still runs.")
  private ConcurrencyPolicy concurrencyPolicy = ConcurrencyPolicy.Forbid;

  @Default("300")
  @Min(10)
  @Max(86400)
  @JsonPropertyDescription("Seconds after the scheduled time within which a missed batch may still start.")
  private Long startingDeadlineSeconds = 300L;

  @Default("3")
  @Min(0)
  @Max(100)
  private Integer successfulJobsHistoryLimit = 3;

  @Default("3")
  @Min(0)
  @Max(100)
  private Integer failedJobsHistoryLimit = 3;

  @Default("3600")
  @Min(1)
  @Max(604800)
  @JsonPropertyDescription("Seconds a batch may run before Kubernetes stops it; on Knative, the request timeout.")
  private Long activeDeadlineSeconds = 3600L;

  @Default("2")
  @Min(0)
  @Max(10)
  @JsonPropertyDescription("Pod retries of a failed batch before the Job is marked failed.")
  private Integer backoffLimit = 2;

  @Default("1")
  @Min(1)
  @Max(32)
  @JsonPropertyDescription("Worker pods per batch; they share the batch's tasks through task leases.")
  private Integer parallelism = 1;

  @Default("CronJob")
  @JsonPropertyDescription("Workload that runs the batches: a CronJob, or a Knative Service called by a PingSource.")
  private ScheduleTarget target = ScheduleTarget.CronJob;

  @Required
  private WorkerSpec worker;

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public Integer getBatchLimit() {
    return batchLimit;
  }

  public void setBatchLimit(Integer batchLimit) {
    this.batchLimit = batchLimit;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  public ConcurrencyPolicy getConcurrencyPolicy() {
    return concurrencyPolicy;
  }

  public void setConcurrencyPolicy(ConcurrencyPolicy concurrencyPolicy) {
    this.concurrencyPolicy = concurrencyPolicy;
  }

  public Long getStartingDeadlineSeconds() {
    return startingDeadlineSeconds;
  }

  public void setStartingDeadlineSeconds(Long startingDeadlineSeconds) {
    this.startingDeadlineSeconds = startingDeadlineSeconds;
  }

  public Integer getSuccessfulJobsHistoryLimit() {
    return successfulJobsHistoryLimit;
  }

  public void setSuccessfulJobsHistoryLimit(Integer successfulJobsHistoryLimit) {
    this.successfulJobsHistoryLimit = successfulJobsHistoryLimit;
  }

  public Integer getFailedJobsHistoryLimit() {
    return failedJobsHistoryLimit;
  }

  public void setFailedJobsHistoryLimit(Integer failedJobsHistoryLimit) {
    this.failedJobsHistoryLimit = failedJobsHistoryLimit;
  }

  public Long getActiveDeadlineSeconds() {
    return activeDeadlineSeconds;
  }

  public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
    this.activeDeadlineSeconds = activeDeadlineSeconds;
  }

  public Integer getBackoffLimit() {
    return backoffLimit;
  }

  public void setBackoffLimit(Integer backoffLimit) {
    this.backoffLimit = backoffLimit;
  }

  public Integer getParallelism() {
    return parallelism;
  }

  public void setParallelism(Integer parallelism) {
    this.parallelism = parallelism;
  }

  public ScheduleTarget getTarget() {
    return target;
  }

  public void setTarget(ScheduleTarget target) {
    this.target = target;
  }

  public WorkerSpec getWorker() {
    return worker;
  }

  public void setWorker(WorkerSpec worker) {
    this.worker = worker;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof PromptLabScheduleSpec spec)) {
      return false;
    }
    return Objects.equals(schedule, spec.schedule)
        && Objects.equals(timeZone, spec.timeZone)
        && Objects.equals(batchLimit, spec.batchLimit)
        && Objects.equals(suspend, spec.suspend)
        && concurrencyPolicy == spec.concurrencyPolicy
        && Objects.equals(startingDeadlineSeconds, spec.startingDeadlineSeconds)
        && Objects.equals(successfulJobsHistoryLimit, spec.successfulJobsHistoryLimit)
        && Objects.equals(failedJobsHistoryLimit, spec.failedJobsHistoryLimit)
        && Objects.equals(activeDeadlineSeconds, spec.activeDeadlineSeconds)
        && Objects.equals(backoffLimit, spec.backoffLimit)
        && Objects.equals(parallelism, spec.parallelism)
        && target == spec.target
        && Objects.equals(worker, spec.worker);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schedule, timeZone, batchLimit, suspend, concurrencyPolicy, startingDeadlineSeconds,
        successfulJobsHistoryLimit, failedJobsHistoryLimit, activeDeadlineSeconds, backoffLimit, parallelism,
        target, worker);
  }
}
