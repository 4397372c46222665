package dev.orbitar.promptlab.worker.store;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates row ids in the style of Prisma's cuid: 25 lowercase letters and digits, URL-safe.
 *
 * <p>An id is {@code c}, the time in milliseconds (8 base-36 digits), a per-process counter (4 digits) and 12 random
 * digits (about 62 bits). Ids made later sort after earlier ones, which lets task discovery find new rows by walking
 * the primary key forward. The order is not strict: the counter wraps, and clocks of different hosts differ.
 */
public final class Ids {

    /** The length of every id. */
    public static final int LENGTH = 25;

    private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int TIME_DIGITS = 8;
    private static final int COUNTER_DIGITS = 4;
    private static final int RANDOM_DIGITS = 12;
    private static final int COUNTER_RANGE = 36 * 36 * 36 * 36;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger COUNTER = new AtomicInteger(RANDOM.nextInt(COUNTER_RANGE));

    private Ids() {
    }

    /** Returns a new id. Thread-safe. */
    public static String next() {
        StringBuilder id = new StringBuilder(LENGTH).append('c');
        appendBase36(id, System.currentTimeMillis(), TIME_DIGITS);
        appendBase36(id, Math.floorMod(COUNTER.getAndIncrement(), COUNTER_RANGE), COUNTER_DIGITS);
        for (int i = 0; i < RANDOM_DIGITS; i++) {
            id.append(DIGITS[RANDOM.nextInt(DIGITS.length)]);
        }
        return id.toString();
    }

    private static void appendBase36(StringBuilder target, long value, int width) {
        char[] digits = new char[width];
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            digits[i] = DIGITS[(int) (rest % 36)];
            rest /= 36;
        }
        target.append(digits);
    }
}
