package dev.orbitar.promptlab.operator.schedule;

import java.time.ZoneId;
import java.util.Set;

/**
 * Time zone ids as a Kubernetes CronJob accepts them: names from the IANA time zone database only.
 *
 * <p>{@link ZoneId#of} also accepts offsets ({@code +05:30}), prefixed offsets ({@code UTC+8}, {@code GMT-3}) and
 * Java-only names ({@code SystemV/...}); the API server's Go time library rejects those, so they are rejected here
 * before a CronJob is written.
 */
public final class ScheduleZones {

  private static final Set<String> IANA_IDS = ZoneId.getAvailableZoneIds();

  private ScheduleZones() {
  }

  /**
   * Parses {@code timeZone} into a zone, raising an exception whose message names the value and what is accepted.
   */
  public static ZoneId parse(String timeZone) throws InvalidScheduleException {
    if (timeZone == null || timeZone.isBlank()) {
      throw new InvalidScheduleException("spec.timeZone is empty: set an IANA time zone id such as Etc/UTC or "
          + "Europe/Berlin, or leave the field out for Etc/UTC");
    }

    if (!IANA_IDS.contains(timeZone) || timeZone.startsWith("SystemV/")) {
      throw new InvalidScheduleException("spec.timeZone \"" + timeZone + "\" is not an IANA time zone id: use a name "
          + "such as Europe/Berlin or Etc/UTC; offsets such as +05:30 or UTC+8 are rejected by Kubernetes "
          + "(Etc/GMT-8 is the IANA name for UTC+8)");
    }
    return ZoneId.of(timeZone);
  }
}
