package dev.orbitar.promptlab.worker.experiments;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The side of an experiment a run belongs to: the category's ga version, or one of the candidate versions. */
public enum ExperimentArm {
    GA,
    CANDIDATE;

    /** Returns the lowercase value stored in the worker's {@code experiment_run} table. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the arm whose stored value matches exactly, or empty. */
    public static Optional<ExperimentArm> fromWireValue(String value) {
        return Arrays.stream(values()).filter(arm -> arm.wireValue().equals(value)).findFirst();
    }
}
