package dev.orbitar.promptlab.worker.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The selection of LabRun rows a report covers. Every field is optional (null means no restriction), and a run
 * must match every field that is set.
 *
 * @param since runs created at or after this instant
 * @param until runs created before this instant
 * @param category the category of the run's SyntheticTask or PromptSample
 * @param engine the refine engine recorded in the worker's usage table; runs without a usage row never match
 * @param model the LabRun's modelName
 */
public record ReportFilter(Instant since, Instant until, String category, String engine, String model) {

    /** Returns the filter that selects every run. */
    public static ReportFilter all() {
        return new ReportFilter(null, null, null, null, null);
    }

    /** Returns the filter in words, e.g. {@code since 2025-03-02T00:00:00Z, category coding}, or "all runs". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (since != null) {
            parts.add("since " + since.truncatedTo(ChronoUnit.SECONDS));
        }
        if (until != null) {
            parts.add("before " + until.truncatedTo(ChronoUnit.SECONDS));
        }
        if (category != null) {
            parts.add("category " + category);
        }
        if (engine != null) {
            parts.add("engine " + engine);
        }
        if (model != null) {
            parts.add("model " + model);
        }
        return parts.isEmpty() ? "all runs" : String.join(", ", parts);
    }
}
