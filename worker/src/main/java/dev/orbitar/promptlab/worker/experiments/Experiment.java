package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An active experiment, checked against the template catalog: every task of its category runs through the ga
 * version and through each candidate version, so every comparison is paired by task.
 *
 * @param name the experiment's name, unique among the experiments of one worker
 * @param category the task category the experiment covers
 * @param ga the category's ga version, the baseline of every comparison
 * @param candidates the versions compared with ga, in the order they were given; none of them is ga
 */
public record Experiment(String name, String category, PromptTemplate ga, List<PromptTemplate> candidates) {

    public Experiment {
        candidates = List.copyOf(candidates);
    }

    /** Returns the versions each task of the category runs through: ga first, then the candidates in order. */
    public List<PromptTemplate> templates() {
        List<PromptTemplate> templates = new ArrayList<>();
        templates.add(ga);
        templates.addAll(candidates);
        return List.copyOf(templates);
    }

    /** Returns the arm a template version belongs to in this experiment, or empty when it is not part of it. */
    public Optional<ExperimentArm> armOf(PromptTemplate template) {
        if (sameVersion(ga, template)) {
            return Optional.of(ExperimentArm.GA);
        }
        return candidates.stream().anyMatch(candidate -> sameVersion(candidate, template))
                ? Optional.of(ExperimentArm.CANDIDATE)
                : Optional.empty();
    }

    /** Returns the experiment in one line for logs, e.g. {@code next (coding): ga x@1.0.0, candidates y@1.1.0}. */
    public String describe() {
        List<String> names = candidates.stream().map(Experiment::key).toList();
        return name + " (" + category + "): ga " + key(ga) + ", candidates " + String.join(", ", names);
    }

    private static boolean sameVersion(PromptTemplate left, PromptTemplate right) {
        return left.slug().equals(right.slug()) && left.version().equals(right.version());
    }

    private static String key(PromptTemplate template) {
        return template.slug() + "@" + template.version();
    }
}
