package dev.orbitar.promptlab.operator.dependents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic names and label values derived from a schedule's name.
 */
public final class ResourceNames {

  /**
   * Kubernetes limits CronJob names to 52 characters, because the Job names it derives append 11 characters
   * and must stay within 63.
   */
  public static final int MAX_CRON_JOB_NAME = 52;

  /** Label values are limited to 63 characters. */
  public static final int MAX_LABEL_VALUE = 63;

  private static final String CRON_JOB_SUFFIX = "-prompt-lab";
  private static final int HASH_LENGTH = 8;

  private ResourceNames() {
  }

  /**
   * Returns the CronJob name of a schedule: {@code <schedule>-prompt-lab}, or, when that is longer than 52
   * characters, a prefix of the schedule name followed by a hash of the whole name, so that two long names with
   * the same prefix still get different CronJobs.
   */
  public static String cronJobName(String scheduleName) {
    return fitWithHash(scheduleName + CRON_JOB_SUFFIX, scheduleName, MAX_CRON_JOB_NAME);
  }

  /**
   * Returns the name of a Knative schedule's Service and PingSource: the CronJob name, so that switching the
   * target keeps the name. Knative derives revision names ({@code <name>-00001}) that stay within 63 characters.
   */
  public static String knativeName(String scheduleName) {
    return cronJobName(scheduleName);
  }

  /** Returns the schedule name as a label value, shortened with a hash suffix when longer than 63 characters. */
  public static String labelValue(String scheduleName) {
    return fitWithHash(scheduleName, scheduleName, MAX_LABEL_VALUE);
  }

  private static String fitWithHash(String preferred, String hashed, int limit) {
    if (preferred.length() <= limit) {
      return preferred;
    }

    String prefix = hashed.substring(0, Math.min(hashed.length(), limit - HASH_LENGTH - 1));
    // A name may not end with '-' or '.' before the separator, which keeps the result a valid DNS subdomain.
    while (prefix.endsWith("-") || prefix.endsWith(".")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return prefix + "-" + sha256Hex(hashed).substring(0, HASH_LENGTH);
  }

  static String sha256Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
