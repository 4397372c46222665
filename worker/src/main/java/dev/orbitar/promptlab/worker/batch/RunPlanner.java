package dev.orbitar.promptlab.worker.batch;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import dev.orbitar.promptlab.worker.templates.TemplateResolver;
import java.util.List;

/**
 * Chooses the template versions one claimed task runs through in a batch: one version normally, several when an
 * experiment compares versions on the same task. Thread-safe.
 */
public interface RunPlanner {

    /** Returns the template versions to run, in order; never empty. */
    List<PromptTemplate> templatesFor(LabTask task);

    /** Returns the planner that runs each task once, through the version the resolver chooses. */
    static RunPlanner singleRun(TemplateResolver templates) {
        return task -> List.of(templates.resolve(task));
    }
}
