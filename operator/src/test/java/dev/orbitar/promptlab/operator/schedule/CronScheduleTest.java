package dev.orbitar.promptlab.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

  @ParameterizedTest
  @ValueSource(strings = {"0 * * * *", "*/15 9-17 * * 1-5", "0 3 * * *", "30 2 1,15 * ?", "0 0 * JAN-MAR MON-FRI",
      "@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually", " 0 * * * * "})
  void acceptsKubernetesForms(String expression) throws Exception {
    assertThat(CronSchedule.parse(expression).expression()).isEqualTo(expression);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "* * *", "0 0 * * * *", "60 * * * *", "0 24 * * *", "* * * * 7", "0 0 L * *",
      "0 0 * * 1#2", "H * * * *", "@every 1h", "@HOURLY", "@fortnightly", "TZ=Europe/Berlin 0 * * * *",
      "CRON_TZ=Etc/UTC 0 * * * *", "not a cron"})
  void rejectsOtherForms(String expression) {
    assertThatThrownBy(() -> CronSchedule.parse(expression))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("spec.schedule");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Etc/UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Etc/GMT-8", "UTC"})
  void acceptsIanaZones(String zone) throws Exception {
    assertThat(ScheduleZones.parse(zone).getId()).isEqualTo(zone);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+05:30", "-03:00", "Z", "UTC+8", "GMT+1", "UT+01:00", "SystemV/EST5", "Local",
      "Europe/Nowhere", "europe/berlin", " "})
  void rejectsNonIanaZones(String zone) {
    assertThatThrownBy(() -> ScheduleZones.parse(zone))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("spec.timeZone");
  }
}
