package dev.orbitar.promptlab.worker.templates;

import dev.orbitar.promptlab.worker.picking.LabTask;

/** Chooses the template version a task runs through. */
public interface TemplateResolver {

    /** Returns the template version for the task; never null (unknown slugs fall back to a default). */
    PromptTemplate resolve(LabTask task);
}
