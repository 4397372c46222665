package dev.orbitar.promptlab.worker.refining;

import java.util.List;

/**
 * A request split into the user's own words and the material pasted into it.
 *
 * @param instruction the user's own text, with each pasted block replaced by a {@code [Reference N]} marker
 * @param references the pasted blocks in order; marker N refers to element N - 1
 */
record SplitRequest(String instruction, List<ReferenceBlock> references) {

    SplitRequest {
        references = List.copyOf(references);
    }

    /** Returns the marker that stands for reference {@code number} (1-based) in the instruction text. */
    static String marker(int number) {
        return "[Reference " + number + "]";
    }
}
