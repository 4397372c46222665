package dev.orbitar.promptlab.worker.importing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The task categories the application stores in "SyntheticTask"."category" and "PromptSample"."category". */
public enum Category {
    CODING,
    WRITING,
    PLANNING,
    RESEARCH,
    CREATIVE,
    COMMUNICATION,
    GENERAL;

    /** The accepted values as a comma-separated list, for error and help messages. */
    public static final String ACCEPTED = Arrays.stream(values())
            .map(Category::wireValue)
            .collect(Collectors.joining(", "));

    /** Returns the lowercase value the application stores. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a category value, ignoring case and surrounding whitespace.
     *
     * @return the category, or null when the value is not one of {@link #ACCEPTED}
     */
    public static Category parseOrNull(String value) {
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        for (Category category : values()) {
            if (category.wireValue().equals(normalized)) {
                return category;
            }
        }
        return null;
    }
}
