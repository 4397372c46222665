package dev.orbitar.promptlab.worker.experiments;

import java.util.List;

/**
 * An experiment as written in the experiments file or in LAB_EXPERIMENT, before it is checked against the
 * template catalog.
 *
 * @param source where it was written, for error messages, e.g. {@code LAB_EXPERIMENTS_FILE experiments.yaml
 *     experiment 2}
 * @param name the experiment's name
 * @param category the task category it covers
 * @param ga the expected ga version as {@code SLUG@VERSION}, or null to take the catalog's ga of the category
 * @param candidates the candidate versions as {@code SLUG@VERSION} text
 * @param active false to keep the experiment on record without running it
 */
public record ExperimentDefinition(String source, String name, String category, String ga, List<String> candidates,
        boolean active) {

    public ExperimentDefinition {
        candidates = List.copyOf(candidates);
    }
}
