package dev.orbitar.promptlab.worker.refining;

/** Turns a task's rough text into a refined prompt, guided by a template. Implementations are thread-safe. */
public interface RefineEngine {

    /** Returns the engine name recorded with each run's usage: {@code offline} or {@code openrouter}. */
    String name();

    /**
     * Returns the model a refinement in this category is asked of, stored on the pending LabRun before the call.
     * The model that actually answers may differ (provider fallbacks) and replaces it when the run is done.
     */
    String modelFor(String category);

    /**
     * Refines one task's text.
     *
     * @throws RefineFailure when no refinement could be produced; its code is stored as LabRun.errorMessage
     */
    Refinement refine(RefineRequest request) throws RefineFailure;
}
