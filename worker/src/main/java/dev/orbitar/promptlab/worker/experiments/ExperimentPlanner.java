package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.batch.RunPlanner;
import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import dev.orbitar.promptlab.worker.templates.TemplateResolver;
import java.util.List;

/**
 * Runs each task of an experiment's category through the ga version and every candidate. Other tasks run once,
 * through the version the resolver chooses. A sample in an experiment's category runs through the experiment's
 * versions instead of its own production version, so that every task of the category is paired the same way.
 */
public final class ExperimentPlanner implements RunPlanner {

    private final ActiveExperiments experiments;
    private final TemplateResolver templates;

    public ExperimentPlanner(ActiveExperiments experiments, TemplateResolver templates) {
        this.experiments = experiments;
        this.templates = templates;
    }

    @Override
    public List<PromptTemplate> templatesFor(LabTask task) {
        return experiments.forTask(task)
                .map(Experiment::templates)
                .orElseGet(() -> List.of(templates.resolve(task)));
    }
}
