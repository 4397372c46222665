package dev.orbitar.promptlab.worker.report;

/**
 * The four scores of one LabScore row, each in 0..1 or null when the scorer left it empty.
 */
public record ScoreValues(Double structure, Double contract, Double domain, Double overall) {

    /** Returns the value of one score, or null. */
    public Double get(Score score) {
        return switch (score) {
            case STRUCTURE -> structure;
            case CONTRACT -> contract;
            case DOMAIN -> domain;
            case OVERALL -> overall;
        };
    }
}
