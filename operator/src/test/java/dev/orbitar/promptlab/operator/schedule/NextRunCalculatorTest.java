package dev.orbitar.promptlab.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class NextRunCalculatorTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  private static Instant next(String expression, ZoneId zone, String after) throws InvalidScheduleException {
    return NextRunCalculator.nextRun(CronSchedule.parse(expression), zone, at(after)).orElseThrow();
  }

  @Test
  void hourlyInUtc() throws Exception {
    assertThat(next("@hourly", ZoneId.of("Etc/UTC"), "2026-05-01T10:15:00Z")).isEqualTo(at("2026-05-01T11:00:00Z"));
  }

  @Test
  void nightlyInBerlinSummer() throws Exception {
    assertThat(next("0 3 * * *", BERLIN, "2026-07-01T12:00:00Z")).isEqualTo(at("2026-07-02T03:00:00+02:00"));
  }

  @Test
  void springForwardSkipsMissingTime() throws Exception {
    // 2026-03-29: Berlin clocks jump from 02:00 CET to 03:00 CEST, so 02:30 does not exist that day.
    assertThat(next("30 2 * * *", BERLIN, "2026-03-29T01:00:00+01:00")).isEqualTo(at("2026-03-30T02:30:00+02:00"));
  }

  @Test
  void springForwardHourlyContinues() throws Exception {
    assertThat(next("0 * * * *", BERLIN, "2026-03-29T01:30:00+01:00")).isEqualTo(at("2026-03-29T03:00:00+02:00"));
  }

  @Test
  void springForwardNightlyBeforeGap() throws Exception {
    assertThat(next("0 3 * * *", BERLIN, "2026-03-28T12:00:00+01:00")).isEqualTo(at("2026-03-29T03:00:00+02:00"));
  }

  @Test
  void fallBackRunsFirstOccurrence() throws Exception {
    // 2026-10-25: Berlin clocks go back from 03:00 CEST to 02:00 CET, so 02:00-02:59 happens twice.
    assertThat(next("30 2 * * *", BERLIN, "2026-10-24T12:00:00+02:00")).isEqualTo(at("2026-10-25T02:30:00+02:00"));
  }

  @Test
  void fallBackRunsRepeatedOccurrence() throws Exception {
    assertThat(next("30 2 * * *", BERLIN, "2026-10-25T02:30:00+02:00")).isEqualTo(at("2026-10-25T02:30:00+01:00"));
  }

  @Test
  void fallBackNextDayAfterRepeat() throws Exception {
    assertThat(next("30 2 * * *", BERLIN, "2026-10-25T02:30:00+01:00")).isEqualTo(at("2026-10-26T02:30:00+01:00"));
  }

  @Test
  void fallBackHourlyRunsTwiceAtTwo() throws Exception {
    assertThat(next("0 * * * *", BERLIN, "2026-10-25T02:00:00+02:00")).isEqualTo(at("2026-10-25T02:00:00+01:00"));
  }

  @Test
  void fallBackNightlyAfterRepeatedHour() throws Exception {
    assertThat(next("0 3 * * *", BERLIN, "2026-10-24T12:00:00+02:00")).isEqualTo(at("2026-10-25T03:00:00+01:00"));
  }

  @Test
  void eitherDayFieldMatches() throws Exception {
    // Day 1 of the month OR a Monday, as Kubernetes reads it: 2026-06-08 is the first Monday after 2026-06-02.
    assertThat(next("0 0 1 * 1", ZoneId.of("Etc/UTC"), "2026-06-02T00:00:00Z")).isEqualTo(at("2026-06-08T00:00:00Z"));
  }

  @Test
  void dayOfMonthWinsWhenEarlier() throws Exception {
    // 2026-07-01 is a Wednesday, before the next Monday (2026-07-06).
    assertThat(next("0 0 1 * 1", ZoneId.of("Etc/UTC"), "2026-06-30T12:00:00Z")).isEqualTo(at("2026-07-01T00:00:00Z"));
  }

  @Test
  void sundayIsZero() throws Exception {
    // 2026-05-03 is a Sunday.
    assertThat(next("0 12 * * 0", ZoneId.of("Etc/UTC"), "2026-05-01T00:00:00Z")).isEqualTo(at("2026-05-03T12:00:00Z"));
  }

  @Test
  void impossibleDateHasNoNextRun() throws Exception {
    assertThat(NextRunCalculator.nextRun(CronSchedule.parse("0 0 31 2 *"), ZoneId.of("Etc/UTC"),
        at("2026-01-01T00:00:00Z"))).isEmpty();
  }
}
