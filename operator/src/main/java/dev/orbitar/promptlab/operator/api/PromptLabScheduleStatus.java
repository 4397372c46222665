package dev.orbitar.promptlab.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's observations: the Ready condition, the CronJob or Knative resources it manages, and the last and
 * next batch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromptLabScheduleStatus {

  public static final String READY = "Ready";

  private Long observedGeneration;

  private List<Condition> conditions = new ArrayList<>();

  private String cronJobName;

  @JsonPropertyDescription("When the CronJob last started a batch (from the CronJob status).")
  private Instant lastScheduleTime;

  @JsonPropertyDescription("When a batch last finished successfully (from the CronJob status).")
  private Instant lastSuccessfulTime;

  @JsonPropertyDescription("When the next batch is due, computed in spec.timeZone; absent while suspended or invalid.")
  private Instant nextScheduleTime;

  @JsonPropertyDescription("Names of the Jobs that are running now.")
  private List<String> activeJobs = new ArrayList<>();

  private LastRun lastRun;

  @JsonPropertyDescription("The Knative Service and PingSource of a schedule whose spec.target is Knative.")
  private KnativeStatus knative;

  @JsonIgnore
  public Optional<Condition> readyCondition() {
    return conditions.stream().filter(condition -> READY.equals(condition.getType())).findFirst();
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getCronJobName() {
    return cronJobName;
  }

  public void setCronJobName(String cronJobName) {
    this.cronJobName = cronJobName;
  }

  public Instant getLastScheduleTime() {
    return lastScheduleTime;
  }

  public void setLastScheduleTime(Instant lastScheduleTime) {
    this.lastScheduleTime = lastScheduleTime;
  }

  public Instant getLastSuccessfulTime() {
    return lastSuccessfulTime;
  }

  public void setLastSuccessfulTime(Instant lastSuccessfulTime) {
    this.lastSuccessfulTime = lastSuccessfulTime;
  }

  public Instant getNextScheduleTime() {
    return nextScheduleTime;
  }

  public void setNextScheduleTime(Instant nextScheduleTime) {
    this.nextScheduleTime = nextScheduleTime;
  }

  public List<String> getActiveJobs() {
    return activeJobs;
  }

  public void setActiveJobs(List<String> activeJobs) {
    this.activeJobs = activeJobs;
  }

  public LastRun getLastRun() {
    return lastRun;
  }

  public void setLastRun(LastRun lastRun) {
    this.lastRun = lastRun;
  }

  public KnativeStatus getKnative() {
    return knative;
  }

  public void setKnative(KnativeStatus knative) {
    this.knative = knative;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof PromptLabScheduleStatus status)) {
      return false;
    }
    return Objects.equals(observedGeneration, status.observedGeneration)
        && Objects.equals(conditions, status.conditions)
        && Objects.equals(cronJobName, status.cronJobName)
        && Objects.equals(lastScheduleTime, status.lastScheduleTime)
        && Objects.equals(lastSuccessfulTime, status.lastSuccessfulTime)
        && Objects.equals(nextScheduleTime, status.nextScheduleTime)
        && Objects.equals(activeJobs, status.activeJobs)
        && Objects.equals(lastRun, status.lastRun)
        && Objects.equals(knative, status.knative);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, cronJobName, lastScheduleTime, lastSuccessfulTime,
        nextScheduleTime, activeJobs, lastRun, knative);
  }
}
