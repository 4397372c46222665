package dev.orbitar.promptlab.worker.http;

import dev.orbitar.promptlab.worker.settings.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the {@code Authorization: Bearer <token>} header against the shared secret. The comparison takes the
 * same time whatever the header holds: both sides are hashed to SHA-256 first, so neither the length nor a common
 * prefix of the token shows in the timing.
 */
final class BearerTokenCheck {

    private static final String SCHEME = "bearer ";

    private final byte[] expectedDigest;

    /** Creates the check; a null token turns it off. */
    BearerTokenCheck(Secret token) {
        this.expectedDigest = token == null ? null : sha256(token.reveal());
    }

    boolean enabled() {
        return expectedDigest != null;
    }

    /** Returns true when the check is off, or the header carries the expected bearer token. */
    boolean allows(String authorizationHeader) {
        if (expectedDigest == null) {
            return true;
        }
        if (authorizationHeader == null || authorizationHeader.length() < SCHEME.length()
                || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }

        String presented = authorizationHeader.substring(SCHEME.length()).trim();
        return MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM, which every Java SE JVM must have", e);
        }
    }
}
