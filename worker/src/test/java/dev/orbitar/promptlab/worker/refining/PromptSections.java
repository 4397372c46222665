package dev.orbitar.promptlab.worker.refining;

import java.util.List;

/** Reads the sections of a refined prompt back, for assertions on one section at a time. */
final class PromptSections {

    static final List<String> HEADINGS =
            List.of("Role", "Goal", "Context", "Constraints", "Steps", "Output format", "Quality check");

    private PromptSections() {
    }

    /** Returns the text under "## title" up to the next "## " heading line, or an empty string. */
    static String section(String prompt, String title) {
        String heading = "## " + title + "\n";
        int start = prompt.startsWith(heading) ? 0 : prompt.indexOf("\n" + heading);
        if (start < 0) {
            return "";
        }
        int bodyStart = prompt.indexOf('\n', start == 0 ? 0 : start + 1) + 1;
        int next = prompt.indexOf("\n## ", bodyStart);
        return prompt.substring(bodyStart, next < 0 ? prompt.length() : next);
    }
}
