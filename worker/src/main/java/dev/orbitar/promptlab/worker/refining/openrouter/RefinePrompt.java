package dev.orbitar.promptlab.worker.refining.openrouter;

/**
 * The two messages of one refinement call.
 *
 * @param system our instructions: the prompt contract plus the template's role, goal, output hints and rules
 * @param user the task's text, cut at the input cap and fenced off as data
 * @param inputChars characters of the task's text sent, after the cap
 * @param inputTruncated whether the task's text was cut at the cap
 */
public record RefinePrompt(String system, String user, int inputChars, boolean inputTruncated) {
}
