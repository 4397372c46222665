package dev.orbitar.promptlab.worker.batch;

import dev.orbitar.promptlab.worker.refining.RefineEngine;
import dev.orbitar.promptlab.worker.scoring.Scorer;
import dev.orbitar.promptlab.worker.store.RunStore;
import dev.orbitar.promptlab.worker.templates.TemplateResolver;

/** The parts each task goes through: template resolution, refinement, scoring and the run store. */
public record TaskProcessorParts(TemplateResolver templates, RefineEngine engine, Scorer scorer, RunStore runs) {
}
