package dev.orbitar.promptlab.worker.experiments;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The recommended next step for a candidate version, chosen by the rules in {@link CandidateJudge}. */
public enum Recommendation {
    PROMOTE,
    KEEP_TESTING,
    RETIRE;

    /** Returns the name used in JSON and CSV: promote, keep_testing or retire. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the name used in tables: promote, keep testing or retire. */
    public String label() {
        return key().replace('_', ' ');
    }
}
