package dev.orbitar.promptlab.worker.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** The four LabScore columns the report summarises, in the order it shows them. */
public enum Score {
    STRUCTURE("structure", "Structure"),
    CONTRACT("contract", "Contract"),
    DOMAIN("domain", "Domain"),
    OVERALL("overall", "Overall");

    private final String key;
    private final String label;

    Score(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** Returns the lowercase name used in JSON and CSV. */
    @JsonValue
    public String key() {
        return key;
    }

    /** Returns the capitalised name used in tables and charts. */
    public String label() {
        return label;
    }
}
