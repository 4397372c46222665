package dev.orbitar.promptlab.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.ScheduleTarget;
import dev.orbitar.promptlab.operator.api.SecretKeyRef;
import dev.orbitar.promptlab.operator.status.ConditionReason;
import dev.orbitar.promptlab.operator.support.MockCluster;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  private final SpecValidator validator =
      new SpecValidator(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

  private ValidationResult validate(Consumer<PromptLabSchedule> change) {
    PromptLabSchedule schedule = MockCluster.example("hourly.yaml");
    change.accept(schedule);
    return validator.validate(schedule);
  }

  private static ConditionReason reason(ValidationResult result) {
    return result instanceof ValidationResult.Invalid invalid ? invalid.reason() : null;
  }

  private static String message(ValidationResult result) {
    return result instanceof ValidationResult.Invalid invalid ? invalid.message() : "";
  }

  @Test
  void exampleIsValid() {
    ValidationResult result = validate(schedule -> { });

    assertThat(result).isInstanceOf(ValidationResult.Valid.class);
  }

  @Test
  void missingZoneDefaultsToUtc() {
    ValidationResult result = validate(schedule -> schedule.getSpec().setTimeZone(null));

    assertThat(((ValidationResult.Valid) result).zone().getId()).isEqualTo("Etc/UTC");
  }

  @Test
  void badCron() {
    ValidationResult result = validate(schedule -> schedule.getSpec().setSchedule("0 0 * * 8"));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidSchedule);
    assertThat(message(result)).contains("\"0 0 * * 8\"");
  }

  @Test
  void neverRunningCron() {
    ValidationResult result = validate(schedule -> schedule.getSpec().setSchedule("0 0 30 2 *"));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidSchedule);
    assertThat(message(result)).contains("matches no date");
  }

  @Test
  void offsetZone() {
    ValidationResult result = validate(schedule -> schedule.getSpec().setTimeZone("+05:30"));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidTimeZone);
    assertThat(message(result)).contains("\"+05:30\"");
  }

  @Test
  void prefixedOffsetZone() {
    ValidationResult result = validate(schedule -> schedule.getSpec().setTimeZone("UTC+8"));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidTimeZone);
  }

  @Test
  void missingImage() {
    ValidationResult result = validate(schedule -> schedule.getSpec().getWorker().setImage(" "));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidSpec);
    assertThat(message(result)).contains("spec.worker.image");
  }

  @Test
  void missingDatabaseSecret() {
    ValidationResult result = validate(schedule -> schedule.getSpec().getWorker().setDatabaseUrlSecretRef(null));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidSpec);
    assertThat(message(result)).contains("databaseUrlSecretRef");
  }

  @Test
  void secretWithoutKey() {
    ValidationResult result = validate(schedule -> schedule.getSpec().getWorker()
        .setOpenRouterApiKeySecretRef(new SecretKeyRef("prompt-lab-openrouter", null)));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidSpec);
    assertThat(message(result)).contains("openRouterApiKeySecretRef");
  }

  @Test
  void reservedEnvName() {
    ValidationResult result = validate(schedule -> schedule.getSpec().getWorker()
        .setEnv(List.of(new EnvVar("LAB_BATCH_LIMIT", "5", null))));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidSpec);
    assertThat(message(result)).contains("LAB_BATCH_LIMIT");
  }

  @Test
  void reservedMaxSafe() {
    ValidationResult result = validate(schedule -> schedule.getSpec().getWorker()
        .setEnv(List.of(new EnvVar("LAB_MAX_SAFE", "5", null))));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidSpec);
    assertThat(message(result)).contains("LAB_MAX_SAFE");
  }

  @Test
  void reservedJobName() {
    ValidationResult result = validate(schedule -> schedule.getSpec().getWorker()
        .setEnv(List.of(new EnvVar("LAB_JOB_NAME", "manual", null))));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidSpec);
    assertThat(message(result)).contains("LAB_JOB_NAME");
  }

  @Test
  void knativeIsValid() {
    ValidationResult result = validate(schedule -> schedule.getSpec().setTarget(ScheduleTarget.Knative));

    assertThat(result).isInstanceOf(ValidationResult.Valid.class);
  }

  @Test
  void portOnKnative() {
    ValidationResult result = validate(schedule -> {
      schedule.getSpec().setTarget(ScheduleTarget.Knative);
      schedule.getSpec().getWorker().setEnv(List.of(new EnvVar("PORT", "9090", null)));
    });

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidSpec);
    assertThat(message(result)).contains("spec.worker.env sets PORT, which Knative sets");
  }

  @Test
  void portOnCronJob() {
    ValidationResult result = validate(schedule -> schedule.getSpec().getWorker()
        .setEnv(List.of(new EnvVar("PORT", "9090", null))));

    assertThat(result).isInstanceOf(ValidationResult.Valid.class);
  }

  @Test
  void batchLimitOutOfRange() {
    ValidationResult result = validate(schedule -> schedule.getSpec().setBatchLimit(0));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidSpec);
    assertThat(message(result)).contains("spec.batchLimit 0");
  }

  @Test
  void shortStartingDeadline() {
    ValidationResult result = validate(schedule -> schedule.getSpec().setStartingDeadlineSeconds(5L));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidSpec);
  }

  @Test
  void missingWorker() {
    ValidationResult result = validate(schedule -> schedule.getSpec().setWorker(null));

    assertThat(reason(result)).isEqualTo(ConditionReason.InvalidSpec);
  }
}
