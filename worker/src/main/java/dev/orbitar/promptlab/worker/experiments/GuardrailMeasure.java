package dev.orbitar.promptlab.worker.experiments;

import com.fasterxml.jackson.annotation.JsonValue;

/** A measure on which a candidate may not be worse than ga beyond a margin. */
public enum GuardrailMeasure {
    STRUCTURE("structure", "Structure"),
    CONTRACT("contract", "Contract"),
    DOMAIN("domain", "Domain"),
    ERROR_RATE("errorRate", "Error rate"),
    COST("costUsd", "Cost per run (USD)");

    private final String key;
    private final String label;

    GuardrailMeasure(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** Returns the name used in JSON and CSV. */
    @JsonValue
    public String key() {
        return key;
    }

    /** Returns the name used in tables. */
    public String label() {
        return label;
    }
}
