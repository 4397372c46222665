package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.importing.ImportException;
import dev.orbitar.promptlab.worker.importing.ImportOptions;
import dev.orbitar.promptlab.worker.importing.ImportSummary;
import dev.orbitar.promptlab.worker.importing.Importer;
import dev.orbitar.promptlab.worker.importing.SkippedRow;
import dev.orbitar.promptlab.worker.picking.TaskKind;
import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code import} command: loads a CSV or JSON Lines file as PromptSample or SyntheticTask rows. Exit code 0
 * when the file was read to the end (skipped rows included), 2 for invalid options, 1 when reading or writing
 * failed. Each skipped row is printed to standard error, and the summary is the last line on standard output.
 */
@Command(
        name = "import",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Loads prompts from a CSV file with a header or a JSON Lines file into PromptSample (default) or "
                    + "SyntheticTask rows.",
            "Each row's id derives from its kind and text, so importing the same file again adds nothing. "
                    + "Invalid rows are reported by line and skipped."
        })
public final class ImportCommand implements Callable<Integer> {

    /** Skipped rows printed one by one; the rest are only counted, so a broken file cannot flood the terminal. */
    static final int MAX_SKIPPED_SHOWN = 100;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "The file to import: .csv, .jsonl or .ndjson, in UTF-8.")
    private Path file;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "Which rows to create: sample (PromptSample, the default) or synthetic (SyntheticTask).")
    private String kind;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "csv, jsonl or ndjson. Default: taken from the file's extension.")
    private String format;

    @Option(names = "--text-column", paramLabel = "NAME",
            description = "CSV column with the prompt text. Default: " + ImportOptions.DEFAULT_TEXT_COLUMN + ".")
    private String textColumn;

    @Option(names = "--title-column", paramLabel = "NAME",
            description = "CSV column with a title that helps infer the category. Default: "
                    + ImportOptions.DEFAULT_TITLE_COLUMN + ", when the header has it.")
    private String titleColumn;

    @Option(names = "--category-column", paramLabel = "NAME",
            description = "CSV column with the category. Default: none.")
    private String categoryColumn;

    @Option(names = "--category", paramLabel = "CATEGORY",
            description = {
                "Category for rows that carry none: coding, writing, planning, research, creative, "
                        + "communication or general.",
                "Without it the category is inferred: a for_devs column holding TRUE means coding; else the first "
                        + "category, in the order coding, communication, creative, writing, planning, research, "
                        + "with a keyword in the title, then in the text's first 1,000 characters (code or "
                        + "programmer; email, letter or message; story or poem; essay, article or blog; plan, "
                        + "schedule or roadmap; research, analyse or compare; and similar words); else general."
            })
    private String category;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "PromptSample source for rows that carry none. Default: " + ImportOptions.DEFAULT_SOURCE
                    + ".")
    private String source;

    @Option(names = "--plan", paramLabel = "PLAN",
            description = "PromptSample plan for rows that carry none: free, light, pro or admin. Default: "
                    + ImportOptions.DEFAULT_PLAN + ".")
    private String plan;

    private final Supplier<Importer> importers;

    /**
     * Creates the command.
     *
     * @param importers creates the importer, wired to the application's database and schema; called only after
     *     the options are valid, so {@code --help} and usage errors need no database
     */
    public ImportCommand(Supplier<Importer> importers) {
        this.importers = importers;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        ImportOptions options;
        try {
            options = buildOptions();
        } catch (InvalidSettingException e) {
            err.println(e.getMessage());
            return ExitCode.USAGE;
        }

        SkippedRowPrinter skippedRows = new SkippedRowPrinter(err);
        ImportSummary summary;
        try {
            summary = importers.get().importFile(file, options, skippedRows);
        } catch (InvalidSettingException e) {
            err.println(e.getMessage());
            return ExitCode.USAGE;
        } catch (ImportException e) {
            skippedRows.printNotShown();
            err.println("Import failed: " + e.getMessage());
            return ExitCode.SOFTWARE;
        }

        skippedRows.printNotShown();
        String table = options.kind() == TaskKind.SAMPLE ? "PromptSample" : "SyntheticTask";
        out.println("Imported " + file + " into " + table + ": " + summary);
        return ExitCode.OK;
    }

    private ImportOptions buildOptions() {
        ImportOptions.Builder builder = ImportOptions.builder()
                .textColumn(textColumn)
                .titleColumn(titleColumn)
                .categoryColumn(categoryColumn)
                .source(source)
                .plan(plan);
        if (kind != null) {
            builder.kind(kind);
        }
        if (format != null) {
            builder.format(format);
        }
        if (category != null) {
            builder.category(category);
        }
        return builder.build();
    }

    /** Prints the first skipped rows and counts the others. */
    private static final class SkippedRowPrinter implements Consumer<SkippedRow> {
        private final PrintWriter err;
        private long count;

        SkippedRowPrinter(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void accept(SkippedRow row) {
            count++;
            if (count <= MAX_SKIPPED_SHOWN) {
                err.println(row);
            }
        }

        void printNotShown() {
            if (count > MAX_SKIPPED_SHOWN) {
                err.println((count - MAX_SKIPPED_SHOWN) + " more skipped rows not shown");
            }
        }
    }
}
