package dev.orbitar.promptlab.worker.settings;

/** A password or API key. Its toString never shows the value, so it is safe in logs and errors. */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a value, or returns null for null or blank input. */
    public static Secret ofNullable(String value) {
        return value == null || value.isBlank() ? null : new Secret(value);
    }

    /** Returns the secret itself, for the one call that needs it (a driver property, an HTTP header). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
