package dev.orbitar.promptlab.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of the most recent finished batch, read from the Job and its worker pods' termination messages.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LastRun {

  private String jobName;

  private Boolean succeeded;

  @JsonPropertyDescription("Batch id the worker reported; absent when no pod wrote a termination message.")
  private String batchId;

  private Integer runsCreated;

  private Integer scoresCreated;

  private Integer failures;

  private Instant finishedAt;

  @JsonPropertyDescription("Why the counts are missing or the batch failed, when known.")
  private String message;

  public String getJobName() {
    return jobName;
  }

  public void setJobName(String jobName) {
    this.jobName = jobName;
  }

  public Boolean getSucceeded() {
    return succeeded;
  }

  public void setSucceeded(Boolean succeeded) {
    this.succeeded = succeeded;
  }

  public String getBatchId() {
    return batchId;
  }

  public void setBatchId(String batchId) {
    this.batchId = batchId;
  }

  public Integer getRunsCreated() {
    return runsCreated;
  }

  public void setRunsCreated(Integer runsCreated) {
    this.runsCreated = runsCreated;
  }

  public Integer getScoresCreated() {
    return scoresCreated;
  }

  public void setScoresCreated(Integer scoresCreated) {
    this.scoresCreated = scoresCreated;
  }

  public Integer getFailures() {
    return failures;
  }

  public void setFailures(Integer failures) {
    this.failures = failures;
  }

  public Instant getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(Instant finishedAt) {
    this.finishedAt = finishedAt;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof LastRun run)) {
      return false;
    }
    return Objects.equals(jobName, run.jobName)
        && Objects.equals(succeeded, run.succeeded)
        && Objects.equals(batchId, run.batchId)
        && Objects.equals(runsCreated, run.runsCreated)
        && Objects.equals(scoresCreated, run.scoresCreated)
        && Objects.equals(failures, run.failures)
        && Objects.equals(finishedAt, run.finishedAt)
        && Objects.equals(message, run.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(jobName, succeeded, batchId, runsCreated, scoresCreated, failures, finishedAt, message);
  }
}
