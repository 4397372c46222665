package dev.orbitar.promptlab.worker.templates;

import java.util.List;

/** The seven task categories that SyntheticTask, PromptSample and templates share. */
public final class TaskCategories {

    public static final String GENERAL = "general";

    /** Every known category, in the order error messages list them. */
    public static final List<String> ALL =
            List.of("coding", "writing", "planning", "research", "creative", "communication", GENERAL);

    private TaskCategories() {
    }

    /** Returns true when the value is one of the seven categories, spelled exactly (lowercase). */
    public static boolean isKnown(String category) {
        return category != null && ALL.contains(category);
    }

    /** Returns the known categories as one comma-separated string for error messages. */
    public static String listed() {
        return String.join(", ", ALL);
    }
}
