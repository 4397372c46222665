package dev.orbitar.promptlab.worker.experiments;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The result of comparing the 95% interval of a guardrail's "worse by" value with its margin. */
public enum GuardrailVerdict {
    /** The whole interval is at or below the margin: the candidate is not worse beyond it. */
    HOLDS,
    /** The whole interval is above the margin: the candidate is worse beyond it. */
    BREACHED,
    /** The interval contains the margin, or there are fewer than two paired tasks. */
    UNDECIDED,
    /** No paired task has this measure, e.g. cost under the offline engine. */
    NOT_MEASURED;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
