package dev.orbitar.promptlab.worker.refining;

import dev.orbitar.promptlab.worker.templates.PromptTemplate;

/**
 * The input of one refinement.
 *
 * @param taskId the task's row id, for logs
 * @param category the task's category
 * @param rawText the user's rough text, uncut (engines apply their own input cap)
 * @param template the resolved template version
 */
public record RefineRequest(String taskId, String category, String rawText, PromptTemplate template) {
}
