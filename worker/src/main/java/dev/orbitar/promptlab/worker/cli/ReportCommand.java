package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.experiments.ExperimentAssessor;
import dev.orbitar.promptlab.worker.experiments.ExperimentCriteria;
import dev.orbitar.promptlab.worker.experiments.ExperimentReport;
import dev.orbitar.promptlab.worker.experiments.ExperimentReportOptions;
import dev.orbitar.promptlab.worker.experiments.ExperimentReportWriter;
import dev.orbitar.promptlab.worker.experiments.ExperimentRun;
import dev.orbitar.promptlab.worker.experiments.ExperimentRunReader;
import dev.orbitar.promptlab.worker.report.Comparison;
import dev.orbitar.promptlab.worker.report.CsvReport;
import dev.orbitar.promptlab.worker.report.HtmlReport;
import dev.orbitar.promptlab.worker.report.JsonReport;
import dev.orbitar.promptlab.worker.report.LabReport;
import dev.orbitar.promptlab.worker.report.Leaderboard;
import dev.orbitar.promptlab.worker.report.ReportDatabase;
import dev.orbitar.promptlab.worker.report.ReportFilter;
import dev.orbitar.promptlab.worker.report.ReportFormat;
import dev.orbitar.promptlab.worker.report.RunRow;
import dev.orbitar.promptlab.worker.report.TableReport;
import dev.orbitar.promptlab.worker.report.TemplateVersion;
import dev.orbitar.promptlab.worker.report.TimeBounds;
import dev.orbitar.promptlab.worker.templates.TaskCategories;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.ibatis.exceptions.PersistenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code report} subcommand: the leaderboard of template versions, or a paired comparison of two, as a
 * terminal table, CSV or JSON, and optionally as a self-contained HTML page.
 */
@Command(
        name = "report",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Ranks template versions by their Lab scores, compares two versions task by task, or reports an"
                    + " experiment's candidates against its ga version with a recommendation.",
            "Scores are means with 95%% Student t intervals; a comparison pairs each version's latest done run of"
                    + " every task both ran and runs a two-sided paired t-test on the differences."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:The report was printed (and written).",
            "1:Reading the database or writing the HTML file failed.",
            "2:An option or its value is invalid."
        })
public final class ReportCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only runs created at or after WHEN: a UTC date (2025-03-01), a date-time"
                    + " (2025-03-01T12:00:00Z; no offset means UTC) or a span back from now (30m, 12h, 7d, 2w,"
                    + " PT36H).")
    private String since;

    @Option(names = "--until", paramLabel = "WHEN",
            description = "Only runs created before WHEN, in the same forms; a date includes that whole UTC day.")
    private String until;

    @Option(names = "--category", paramLabel = "CATEGORY",
            description = "Only runs whose task has this category (coding, writing, planning, research, creative,"
                    + " communication, general).")
    private String category;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Only runs refined by this engine (e.g. openrouter, offline), as recorded in the worker's"
                    + " usage table; runs without a usage row are left out.")
    private String engine;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "Only runs whose LabRun.modelName is MODEL (e.g. openai/gpt-4o-mini).")
    private String model;

    @Option(names = "--compare", arity = "2", paramLabel = "SLUG@VERSION",
            description = "Compare two versions, baseline first: differences are the second minus the first.")
    private List<String> compare;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Standard output format: table (default), csv or json.")
    private String format;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML page with charts to FILE (overwritten).")
    private Path html;

    @Mixin
    private ExperimentReportOptions experimentOptions = new ExperimentReportOptions();

    private final ReportDatabase database;
    private final Clock clock;

    /** Creates the command; the database is touched only when the command runs, so --help needs none. */
    public ReportCommand(ReportDatabase database) {
        this(database, Clock.systemUTC());
    }

    /** Creates the command with a clock for spans such as {@code --since 7d} and the page's timestamp. */
    public ReportCommand(ReportDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Returns a command line for running {@code report} on its own. Parse errors print one line and exit 2, as
     * invalid values do. When {@code report} is a subcommand, the parent's handler applies instead.
     */
    public static CommandLine commandLine(ReportDatabase database, Clock clock) {
        CommandLine commandLine = new CommandLine(new ReportCommand(database, clock));
        commandLine.setParameterExceptionHandler(ReportCommand::rejectUsage);
        return commandLine;
    }

    /** Prints a parse error as one line and returns exit code 2; usable as any command line's handler. */
    public static int rejectUsage(CommandLine.ParameterException error, String[] args) {
        error.getCommandLine().getErr().println(error.getMessage());
        return USAGE;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        ReportRequest request;
        ExperimentCriteria criteria;
        try {
            request = ReportRequest.parse(this);
            criteria = experimentCriteria();
        } catch (InvalidOptionException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        if (experimentOptions.requested()) {
            return reportExperiment(request, criteria, out, err);
        }

        List<RunRow> runs;
        try {
            runs = new LabReport(database).runs(request.filter());
        } catch (PersistenceException | IllegalArgumentException e) {
            err.println("Reading Lab runs failed: " + firstLine(e) + ". Check the database connection and that"
                    + " the worker's schema migrations have run.");
            return FAILED;
        }

        Leaderboard leaderboard = Leaderboard.of(runs);
        Comparison comparison = null;
        if (request.baseline() != null) {
            comparison = Comparison.of(runs, request.baseline(), request.candidate());
            leaderboard = leaderboard.only(Set.of(request.baseline(), request.candidate()));
            warnIfNoDoneRuns(err, request.baseline(), comparison.baselineDone());
            warnIfNoDoneRuns(err, request.candidate(), comparison.candidateDone());
        }

        print(out, request.format(), leaderboard, comparison);
        out.flush();

        if (request.html() != null) {
            String page = HtmlReport.render(leaderboard, comparison, request.filter(), clock.instant());
            try {
                Files.writeString(request.html(), page, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("Writing the HTML report to " + request.html() + " failed: " + e.getMessage());
                return FAILED;
            }
            err.println("Wrote the HTML report to " + request.html());
        }
        return OK;
    }

    private ExperimentCriteria experimentCriteria() throws InvalidOptionException {
        if (experimentOptions.requested()) {
            List<String> others = new ArrayList<>();
            addIfGiven(others, "--compare", compare);
            addIfGiven(others, "--category", category);
            addIfGiven(others, "--engine", engine);
            addIfGiven(others, "--model", model);
            addIfGiven(others, "--html", html);
            if (!others.isEmpty()) {
                throw new InvalidOptionException("Invalid option combination: --experiment does not combine with "
                        + String.join(", ", others) + "; drop them or run the report without --experiment.");
            }
        }
        try {
            return experimentOptions.criteria();
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(e.getMessage());
        }
    }

    private static void addIfGiven(List<String> options, String option, Object value) {
        if (value != null) {
            options.add(option);
        }
    }

    private int reportExperiment(ReportRequest request, ExperimentCriteria criteria, PrintWriter out,
            PrintWriter err) {
        String name = experimentOptions.experiment();
        List<ExperimentRun> runs;
        try {
            runs = new ExperimentRunReader(database).read(name, request.filter().since(), request.filter().until());
        } catch (PersistenceException | IllegalArgumentException e) {
            err.println("Reading the runs of experiment " + name + " failed: " + firstLine(e) + ". Check the"
                    + " database connection and that the worker's schema migrations have run.");
            return FAILED;
        }
        if (runs.isEmpty()) {
            err.println("No runs of experiment " + name + " in the selection; check the name against"
                    + " LAB_EXPERIMENTS_FILE or LAB_EXPERIMENT, and the time window.");
        }

        ExperimentReport report = new ExperimentAssessor(criteria).assess(name, runs);
        switch (request.format()) {
            case TABLE -> ExperimentReportWriter.printTable(report, out);
            case CSV -> ExperimentReportWriter.writeCsv(report, out);
            case JSON -> out.println(ExperimentReportWriter.json(report));
        }
        out.flush();
        return OK;
    }

    private static void print(PrintWriter out, ReportFormat format, Leaderboard leaderboard, Comparison comparison) {
        switch (format) {
            case TABLE -> {
                TableReport.printLeaderboard(leaderboard, out);
                if (comparison != null) {
                    out.println();
                    TableReport.printComparison(comparison, out);
                }
            }
            case CSV -> {
                if (comparison == null) {
                    CsvReport.writeLeaderboard(leaderboard, out);
                } else {
                    CsvReport.writeComparison(comparison, out);
                }
            }
            case JSON -> out.println(comparison == null
                    ? JsonReport.leaderboard(leaderboard)
                    : JsonReport.comparison(comparison));
        }
    }

    private static void warnIfNoDoneRuns(PrintWriter err, TemplateVersion version, int done) {
        if (done == 0) {
            err.println("No done runs of " + version + " in the selection; check the slug, the version and the"
                    + " filters.");
        }
    }

    private static String firstLine(Exception error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse("").trim();
    }

    /** An option value the report cannot use; its message is the one line printed before exit code 2. */
    static final class InvalidOptionException extends Exception {

        InvalidOptionException(String message) {
            super(message);
        }
    }

    /** The validated options of one invocation. */
    record ReportRequest(ReportFilter filter, TemplateVersion baseline, TemplateVersion candidate,
            ReportFormat format, Path html) {

        static ReportRequest parse(ReportCommand options) throws InvalidOptionException {
            Instant since = options.since == null ? null : since(options.since, options.clock);
            Instant until = options.until == null ? null : until(options.until, options.clock);
            if (since != null && until != null && !since.isBefore(until)) {
                throw new InvalidOptionException("Invalid time window: --since " + options.since
                        + " is not before --until " + options.until + "; widen the window or swap the values.");
            }

            ReportFilter filter = new ReportFilter(since, until, category(options.category),
                    nonBlank("--engine", options.engine), nonBlank("--model", options.model));

            TemplateVersion baseline = null;
            TemplateVersion candidate = null;
            if (options.compare != null) {
                if (options.compare.size() != 2) {
                    throw new InvalidOptionException("Invalid --compare values " + options.compare
                            + ": give --compare once, with exactly two SLUG@VERSION values.");
                }
                baseline = templateVersion(options.compare.get(0));
                candidate = templateVersion(options.compare.get(1));
                if (baseline.equals(candidate)) {
                    throw new InvalidOptionException("Invalid --compare values: " + baseline
                            + " is given twice; name two different template versions.");
                }
            }

            ReportFormat format;
            try {
                format = ReportFormat.parse(options.format);
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException("Invalid --format value '" + options.format + "': "
                        + e.getMessage() + ".");
            }

            return new ReportRequest(filter, baseline, candidate, format, htmlFile(options.html));
        }

        private static Instant since(String value, Clock clock) throws InvalidOptionException {
            try {
                return TimeBounds.parseSince(value, clock);
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException("Invalid --since value '" + value + "': " + e.getMessage() + ".");
            }
        }

        private static Instant until(String value, Clock clock) throws InvalidOptionException {
            try {
                return TimeBounds.parseUntil(value, clock);
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException("Invalid --until value '" + value + "': " + e.getMessage() + ".");
            }
        }

        private static String nonBlank(String flag, String value) throws InvalidOptionException {
            if (value == null) {
                return null;
            }
            if (value.isBlank()) {
                throw new InvalidOptionException("Invalid " + flag + " value '" + value
                        + "': expected a non-empty name, or leave the option out.");
            }
            return value.trim();
        }

        private static String category(String value) throws InvalidOptionException {
            String category = nonBlank("--category", value);
            if (category != null && !TaskCategories.isKnown(category)) {
                throw new InvalidOptionException("Invalid --category value '" + value + "': expected one of "
                        + TaskCategories.listed() + ".");
            }
            return category;
        }

        private static TemplateVersion templateVersion(String value) throws InvalidOptionException {
            try {
                return TemplateVersion.parse(value.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException("Invalid --compare value '" + value + "': " + e.getMessage() + ".");
            }
        }

        private static Path htmlFile(Path html) throws InvalidOptionException {
            if (html == null) {
                return null;
            }
            Path folder = html.toAbsolutePath().getParent();
            if (folder != null && !Files.isDirectory(folder)) {
                throw new InvalidOptionException("Invalid --html value '" + html + "': folder " + folder
                        + " does not exist; create it or choose another file.");
            }
            if (Files.isDirectory(html)) {
                throw new InvalidOptionException("Invalid --html value '" + html
                        + "': it is a folder; name a file such as report.html.");
            }
            return html;
        }
    }
}
