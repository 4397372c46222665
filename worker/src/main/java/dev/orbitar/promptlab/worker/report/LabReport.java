package dev.orbitar.promptlab.worker.report;

import java.util.List;

/**
 * The report's entry point for code: reads the runs of a selection and builds the leaderboard or a comparison.
 * The picocli {@code report} command is a thin shell around it.
 */
public final class LabReport {

    private final RunReader reader;

    public LabReport(ReportDatabase database) {
        this.reader = new RunReader(database);
    }

    /** Returns the runs matching the filter, oldest first. */
    public List<RunRow> runs(ReportFilter filter) {
        return reader.read(filter);
    }

    /** Returns the leaderboard of every template version in the selection. */
    public Leaderboard leaderboard(ReportFilter filter) {
        return Leaderboard.of(runs(filter));
    }

    /** Returns the paired comparison of two versions over the tasks both ran in the selection. */
    public Comparison compare(TemplateVersion baseline, TemplateVersion candidate, ReportFilter filter) {
        return Comparison.of(runs(filter), baseline, candidate);
    }
}
