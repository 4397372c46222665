package dev.orbitar.promptlab.worker.importing;

import dev.orbitar.promptlab.worker.picking.TaskKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derives an imported row's id from its kind and text, so importing the same text again hits the primary key
 * instead of adding a row. An id is {@value #PREFIX} followed by the first 110 bits of SHA-256(kind, NUL, text as
 * UTF-8) in lowercase base32 (digits and a to v): 25 characters, the length of a Prisma cuid, and URL-safe.
 * At 110 bits, a collision stays below one in a billion up to about 10^12 rows (birthday bound).
 */
public final class RowIds {

    /** Marks ids made by the importer, so they never meet a cuid from the application. */
    public static final String PREFIX = "imp";

    private static final int HASH_CHARS = 22;
    private static final char[] BASE32 = "0123456789abcdefghijklmnopqrstuv".toCharArray();

    private RowIds() {
    }

    /** Returns the id of the first row with this kind and exact text. The text must not contain NUL. */
    public static String of(TaskKind kind, String text) {
        return of(kind, text, 0);
    }

    /**
     * Returns the id of the row with this kind and exact text that is the given repeat of that text within one
     * file (0 for the first). A file that holds the same prompt twice thus loads both rows, and importing the
     * file again still adds nothing.
     */
    public static String of(TaskKind kind, String text, int repeat) {
        MessageDigest sha256 = newSha256();
        sha256.update(kind.wireValue().getBytes(StandardCharsets.UTF_8));
        // NUL separates kind from text unambiguously because PostgreSQL text, and so an imported text, has none.
        sha256.update((byte) 0);
        sha256.update(text.getBytes(StandardCharsets.UTF_8));
        if (repeat > 0) {
            sha256.update((byte) 0);
            sha256.update(Integer.toString(repeat).getBytes(StandardCharsets.UTF_8));
        }
        byte[] digest = sha256.digest();

        StringBuilder id = new StringBuilder(PREFIX.length() + HASH_CHARS).append(PREFIX);
        for (int i = 0; i < HASH_CHARS; i++) {
            id.append(BASE32[fiveBitsAt(digest, i * 5)]);
        }
        return id.toString();
    }

    private static int fiveBitsAt(byte[] bytes, int bitOffset) {
        int byteIndex = bitOffset / 8;
        int twoBytes = (bytes[byteIndex] & 0xff) << 8 | (bytes[byteIndex + 1] & 0xff);
        int shift = 16 - 5 - bitOffset % 8;
        return twoBytes >>> shift & 0x1f;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM, which every Java SE runtime must have", e);
        }
    }
}
