package dev.orbitar.promptlab.worker.batch;

import dev.orbitar.promptlab.worker.refining.RefineEngine;
import dev.orbitar.promptlab.worker.scoring.Scorer;
import dev.orbitar.promptlab.worker.store.RunStore;
import dev.orbitar.promptlab.worker.templates.TemplateResolver;

/**
 * The parts each task goes through: the run planner, refinement, scoring and the run store.
 *
 * @param templates the resolver of a task's own template version
 * @param planner the template versions each task runs through; {@link RunPlanner#singleRun} unless an experiment
 *     is active
 */
public record TaskProcessorParts(TemplateResolver templates, RefineEngine engine, Scorer scorer, RunStore runs,
        RunPlanner planner) {

    /** Returns parts that run each task once, through the version the resolver chooses. */
    public TaskProcessorParts(TemplateResolver templates, RefineEngine engine, Scorer scorer, RunStore runs) {
        this(templates, engine, scorer, runs, RunPlanner.singleRun(templates));
    }
}
