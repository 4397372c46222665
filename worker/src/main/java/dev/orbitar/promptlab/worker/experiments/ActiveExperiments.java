package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.templates.TaskCategories;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The experiments a worker runs, at most one per task category. Immutable and safe to share between threads. */
public final class ActiveExperiments {

    private static final ActiveExperiments NONE = new ActiveExperiments(List.of());

    private final Map<String, Experiment> byCategory = new LinkedHashMap<>();

    /** @throws IllegalArgumentException when two experiments cover the same category */
    public ActiveExperiments(List<Experiment> experiments) {
        for (Experiment experiment : experiments) {
            Experiment other = byCategory.putIfAbsent(experiment.category(), experiment);
            if (other != null) {
                throw new IllegalArgumentException("Experiments " + other.name() + " and " + experiment.name()
                        + " both cover category " + experiment.category());
            }
        }
    }

    /** Returns the empty set: every task runs once, through its own template version. */
    public static ActiveExperiments none() {
        return NONE;
    }

    public boolean isEmpty() {
        return byCategory.isEmpty();
    }

    /** Returns the experiments in the order they were defined. */
    public List<Experiment> all() {
        return List.copyOf(byCategory.values());
    }

    /**
     * Returns the experiment covering the task's category, or empty. A task whose category is not one of the seven
     * counts as general, because it runs through the general category's templates.
     */
    public Optional<Experiment> forTask(LabTask task) {
        String category = TaskCategories.isKnown(task.category()) ? task.category() : TaskCategories.GENERAL;
        return Optional.ofNullable(byCategory.get(category));
    }
}
