package dev.orbitar.promptlab.operator.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.List;
import java.util.Map;

/**
 * A parsed five-field cron expression, read the way the Kubernetes CronJob controller reads it (robfig/cron v3's
 * standard parser): minute, hour, day of month, month (1-12 or JAN-DEC), day of week (0-6 or SUN-SAT, 0 is
 * Sunday), {@code ?} as {@code *} in the day fields, and the macros {@code @yearly}, {@code @annually},
 * {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight} and {@code @hourly}.
 *
 * <p>When both day fields are restricted (neither starts with {@code *} or {@code ?}), a day matches when either
 * field matches, as in Vixie cron and Kubernetes. cron-utils requires both, so such an expression is kept as two
 * crons, one per day field, and the next run is the earlier of the two.
 */
public final class CronSchedule {

  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");

  private static final CronParser PARSER = new CronParser(kubernetesDefinition());

  private final String expression;
  private final String fields;
  private final List<Cron> crons;

  private CronSchedule(String expression, String fields, List<Cron> crons) {
    this.expression = expression;
    this.fields = fields;
    this.crons = crons;
  }

  /**
   * Parses {@code expression}, raising an exception whose message names the expression and what is accepted.
   */
  public static CronSchedule parse(String expression) throws InvalidScheduleException {
    if (expression == null || expression.isBlank()) {
      throw new InvalidScheduleException("spec.schedule is missing: set a five-field cron expression such as "
          + "\"0 * * * *\" or a macro such as @hourly");
    }

    String trimmed = expression.trim();
    if (trimmed.contains("TZ=")) {
      throw new InvalidScheduleException("spec.schedule \"" + expression + "\" carries a TZ= or CRON_TZ= prefix, "
          + "which Kubernetes rejects: remove it and set spec.timeZone instead");
    }

    String fields = trimmed.startsWith("@") ? expandMacro(expression, trimmed) : trimmed;
    String[] parts = fields.split("\\s+");
    if (parts.length != 5) {
      throw new InvalidScheduleException("spec.schedule \"" + expression + "\" has " + parts.length
          + " fields: use five (minute hour day-of-month month day-of-week) or a macro such as @hourly");
    }

    try {
      if (isRestricted(parts[2]) && isRestricted(parts[4])) {
        Cron byDayOfMonth = PARSER.parse(join(parts, parts[2], "*"));
        Cron byDayOfWeek = PARSER.parse(join(parts, "*", parts[4]));
        return new CronSchedule(expression, fields, List.of(byDayOfMonth, byDayOfWeek));
      }
      return new CronSchedule(expression, fields, List.of(PARSER.parse(fields)));
    } catch (IllegalArgumentException e) {
      throw new InvalidScheduleException("spec.schedule \"" + expression + "\" is not a valid cron expression ("
          + e.getMessage() + "): use five fields such as \"30 2 * * 1-5\" or a macro such as @daily");
    }
  }

  /** Returns the expression as the user wrote it; the CronJob receives it unchanged. */
  public String expression() {
    return expression;
  }

  /**
   * Returns the five fields in plain unix-cron form, for schedulers that know no macros or {@code ?} (Cloud
   * Scheduler): a macro is expanded and {@code ?} becomes {@code *}, which Kubernetes reads the same way.
   */
  public String unixCronFields() {
    return String.join(" ", fields.split("\\s+")).replace('?', '*');
  }

  List<Cron> crons() {
    return crons;
  }

  private static String expandMacro(String expression, String trimmed) throws InvalidScheduleException {
    // Kubernetes matches macros case-sensitively, so "@HOURLY" is rejected there and here.
    String expanded = MACROS.get(trimmed);
    if (expanded == null) {
      // NOTE: robfig/cron also parses "@every <duration>", but it ignores the time zone and Kubernetes does not
      // document it, so it is rejected here.
      throw new InvalidScheduleException("spec.schedule \"" + expression + "\" is not a supported macro: use one of "
          + "@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, or five cron fields");
    }
    return expanded;
  }

  private static boolean isRestricted(String dayField) {
    return !dayField.startsWith("*") && !dayField.startsWith("?");
  }

  private static String join(String[] parts, String dayOfMonth, String dayOfWeek) {
    return String.join(" ", parts[0], parts[1], dayOfMonth, parts[3], dayOfWeek);
  }

  private static CronDefinition kubernetesDefinition() {
    return CronDefinitionBuilder.defineCron()
        .withMinutes().withValidRange(0, 59).and()
        .withHours().withValidRange(0, 23).and()
        .withDayOfMonth().withValidRange(1, 31).supportsQuestionMark().and()
        .withMonth().withValidRange(1, 12).and()
        .withDayOfWeek().withValidRange(0, 6).withMondayDoWValue(1).supportsQuestionMark().and()
        .instance();
  }

  @Override
  public String toString() {
    return expression;
  }
}
