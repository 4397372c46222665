package dev.orbitar.promptlab.worker.refining;

import java.util.List;
import java.util.Map;

/**
 * Per-category steps and the background a request in that category usually leaves out. Templates carry the role,
 * goal, output hints and quality rules; these two lists are the engine's own rules for the categories.
 */
final class CategoryGuide {

    private static final Map<String, List<String>> STEPS = Map.of(
            "coding", List.of(
                    "Restate the required behaviour with its inputs, outputs and error cases.",
                    "Name the files, functions and interfaces the change touches.",
                    "Write the code.",
                    "Show how to verify it: tests, a command to run, or example input and output."),
            "writing", List.of(
                    "Identify the audience, the purpose and the tone.",
                    "Outline the main points in order.",
                    "Write the draft.",
                    "Edit for clarity and length."),
            "planning", List.of(
                    "List the goal, the deadline and the constraints.",
                    "Break the work into phases or milestones with tasks, owner roles and dates.",
                    "Mark the dependencies and the risks.",
                    "Summarise the plan and the next three actions."),
            "research", List.of(
                    "Define the question and its scope.",
                    "Gather the evidence and weigh how reliable each source is.",
                    "Combine the findings into an answer.",
                    "State what remains uncertain and cite the sources."),
            "creative", List.of(
                    "Choose the form, the voice and the tone the request implies.",
                    "Draft the piece.",
                    "Revise for imagery, rhythm and a strong ending."),
            "communication", List.of(
                    "Identify the recipient, the relationship, the channel and the response wanted.",
                    "Draft the message with the main point first.",
                    "Check the tone and the length, and make the next step explicit."),
            "general", List.of(
                    "Work out what the user needs and what information is missing.",
                    "Write the response, leading with the result."));

    private static final Map<String, String> USUAL_GAPS = Map.of(
            "coding", "the language and version, the input format, error handling and the runtime environment",
            "writing", "the audience, the tone, the length and where the text will be published",
            "planning", "the deadline, the team size, the budget and what is already done",
            "research", "the scope, the time period, the depth and which sources are acceptable",
            "creative", "the audience, the tone, the length and the form",
            "communication", "the recipient, the relationship, the channel and the response wanted",
            "general", "the purpose, the audience and the level of detail");

    private CategoryGuide() {
    }

    /** Returns the category's steps, or the general steps for an unknown category. */
    static List<String> steps(String category) {
        return STEPS.getOrDefault(category, STEPS.get("general"));
    }

    /** Returns what a request in the category often leaves unsaid, as one phrase. */
    static String usualGaps(String category) {
        return USUAL_GAPS.getOrDefault(category, USUAL_GAPS.get("general"));
    }
}
