package dev.orbitar.promptlab.operator.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * Computes when a schedule next runs, in the schedule's zone, the way the Kubernetes CronJob controller does
 * (robfig/cron v3 walks the wall clock of the zone forward in absolute time):
 * <ul>
 *   <li>spring forward: a wall-clock time inside the skipped hour does not exist, so that day has no run at it;</li>
 *   <li>fall back: the repeated hour is walked twice, so a time inside it runs at both offsets;</li>
 *   <li>a schedule with no run within five years has no next run.</li>
 * </ul>
 */
public final class NextRunCalculator {

  private static final Duration HORIZON = Duration.ofDays(5 * 366);

  private NextRunCalculator() {
  }

  /** Returns the first run strictly after {@code after}, if there is one within five years. */
  public static Optional<Instant> nextRun(CronSchedule schedule, ZoneId zone, Instant after) {
    Instant limit = after.plus(HORIZON);
    ZonedDateTime from = after.atZone(zone);

    Instant earliest = null;
    for (Cron cron : schedule.crons()) {
      ExecutionTime executionTime = ExecutionTime.forCron(cron);
      Instant next = executionTime.nextExecution(from).map(ZonedDateTime::toInstant).orElse(null);
      next = earlierOf(next, repeatedHourRun(executionTime, zone, after, next == null ? limit : next));
      earliest = earlierOf(earliest, next);
    }

    if (earliest == null || earliest.isAfter(limit)) {
      return Optional.empty();
    }
    return Optional.of(earliest);
  }

  /**
   * Finds a run inside a repeated (fall-back) hour between {@code after} and {@code before}: cron-utils reports a
   * wall-clock time once, while Kubernetes runs it again at the later offset.
   */
  private static Instant repeatedHourRun(ExecutionTime executionTime, ZoneId zone, Instant after, Instant before) {
    ZoneRules rules = zone.getRules();
    ZoneOffsetTransition transition = rules.nextTransition(after.minus(Duration.ofDays(1)));

    while (transition != null && transition.getInstant().isBefore(before)) {
      if (transition.isOverlap()) {
        Instant repeatedEnd = transition.getInstant().plus(transition.getDuration().abs());
        Instant minute = firstWholeMinuteAfter(after);
        if (minute.isBefore(transition.getInstant())) {
          minute = transition.getInstant();
        }

        for (; minute.isBefore(repeatedEnd) && minute.isBefore(before); minute = minute.plus(1, ChronoUnit.MINUTES)) {
          // Matched on the wall-clock time alone: cron-utils resolves a repeated local time to its earlier offset.
          ZonedDateTime wallClock = minute.atZone(zone).toLocalDateTime().atZone(ZoneOffset.UTC);
          if (executionTime.isMatch(wallClock)) {
            return minute;
          }
        }
      }
      transition = rules.nextTransition(transition.getInstant());
    }
    return null;
  }

  private static Instant firstWholeMinuteAfter(Instant after) {
    return after.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
  }

  private static Instant earlierOf(Instant first, Instant second) {
    if (first == null) {
      return second;
    }
    if (second == null) {
      return first;
    }
    return first.isBefore(second) ? first : second;
  }
}
