package dev.orbitar.promptlab.worker.refining.openrouter;

/**
 * One chat-completions call: a system and a user message to one model.
 *
 * @param purpose what the call is for, in logs: {@code refinement} or {@code judgement}
 * @param subjectId the task id the call serves, in logs
 * @param model the model id requested
 * @param system the system message
 * @param user the user message
 * @param maxTokens the request's {@code max_tokens}
 * @param temperature the request's {@code temperature}
 */
public record ChatRequest(
        String purpose,
        String subjectId,
        String model,
        String system,
        String user,
        int maxTokens,
        double temperature) {
}
