package dev.orbitar.promptlab.worker.refining;

/**
 * A refined prompt and how it was made.
 *
 * @param text the refined prompt, stored as LabRun.rawRefinedPrompt
 * @param modelName the model that produced it, stored as LabRun.modelName
 * @param usage engine, latency, truncation, tokens and cost, stored in the worker's own schema
 */
public record Refinement(String text, String modelName, RefineUsage usage) {
}
