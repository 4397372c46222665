package dev.orbitar.promptlab.worker.scoring;

import java.util.Locale;

/** The parts of the prompt contract that structureScore looks for, with their weights (summing to 1). */
enum Section {
    ROLE(0.15),
    GOAL(0.25),
    CONTEXT(0.15),
    STEPS(0.10),
    CONSTRAINTS(0.15),
    OUTPUT(0.20);

    private final double weight;

    Section(double weight) {
        this.weight = weight;
    }

    double weight() {
        return weight;
    }

    /** Returns the lowercase name used in metricsJson. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
