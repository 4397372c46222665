package dev.orbitar.promptlab.worker.scoring;

import java.util.List;

/**
 * Findings of the contract check.
 *
 * @param outputClarity 0..1: output part stated, a format named, a length or shape given, a quality bar set
 * @param formatNamed whether a concrete output format is named (JSON, table, bullet points, code block ...)
 * @param shapeStated whether a length or quantity is given (200 words, three bullet points, one paragraph ...)
 * @param qualityBar how clearly the prompt sets checks for the answer
 * @param contradictions one short description per contradiction found, e.g. {@code brevity vs 2000 words}
 */
record ContractFindings(
        double outputClarity,
        boolean formatNamed,
        boolean shapeStated,
        Presence qualityBar,
        List<String> contradictions) {

    ContractFindings {
        contradictions = List.copyOf(contradictions);
    }
}
