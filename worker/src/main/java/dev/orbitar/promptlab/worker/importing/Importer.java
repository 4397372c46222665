package dev.orbitar.promptlab.worker.importing;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a CSV or JSON Lines file into "PromptSample" or "SyntheticTask". The file is read one record at a time
 * and written in batches, one transaction each, so memory use depends on the batch and not on the file's size. Row ids derive
 * from kind and text, so importing a file again inserts nothing. Invalid records are reported and skipped.
 * Thread-safe: each call opens its own file and connections.
 */
public final class Importer {

    public static final int DEFAULT_BATCH_SIZE = 500;

    /** The longest CSV record or JSON line accepted, in characters: a bound on memory, far above real prompts. */
    public static final int MAX_RECORD_CHARS = 16 * 1024 * 1024;

    /** The text characters after which a batch is written even when it has fewer rows than the batch size. */
    public static final long DEFAULT_MAX_BATCH_CHARS = 8 * 1024 * 1024;

    private static final int MAX_MESSAGE_CHARS = 300;

    private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

    private final BatchInserter inserter;
    private final int batchSize;
    private final long maxBatchChars;

    /**
     * Creates an importer writing to the application's tables.
     *
     * @param dataSource connections to the application's database
     * @param schema the schema holding the application's tables, e.g. {@code public}
     */
    public Importer(DataSource dataSource, String schema) {
        this(dataSource, schema, DEFAULT_BATCH_SIZE, DEFAULT_MAX_BATCH_CHARS);
    }

    /**
     * Creates an importer with its own batch limits.
     *
     * @param batchSize the rows written per transaction
     * @param maxBatchChars the text characters after which a batch is written early, so a run of long prompts
     *     does not fill the heap
     */
    public Importer(DataSource dataSource, String schema, int batchSize, long maxBatchChars) {
        if (schema == null || schema.isBlank()) {
            throw new IllegalArgumentException("The schema of the application's tables is blank; pass its name, "
                    + "e.g. public");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("Batch size " + batchSize + " is invalid; pass 1 or more");
        }
        if (maxBatchChars < 1) {
            throw new IllegalArgumentException("Batch character limit " + maxBatchChars + " is invalid; pass 1 or "
                    + "more");
        }
        this.inserter = new BatchInserter(dataSource, schema);
        this.batchSize = batchSize;
        this.maxBatchChars = maxBatchChars;
    }

    /**
     * Imports one file.
     *
     * @param file a CSV file with a header, or a JSON Lines file
     * @param options what to read and how to fill the rows
     * @param onSkipped called once per skipped record, in file order
     * @return the counts
     * @throws InvalidSettingException when the options do not fit the file: unknown format, missing column, no file
     * @throws ImportException when the file cannot be read or a batch cannot be written; earlier batches stay
     */
    public ImportSummary importFile(Path file, ImportOptions options, Consumer<SkippedRow> onSkipped) {
        ImportFormat format = resolveFormat(file, options);
        options.checkApplicableTo(format);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidSettingException("FILE", file.toString(), "no such readable file");
        }

        LOG.debug("Importing {} as {} rows from {}", format, options.kind().wireValue(), file);
        RowSource source;
        try {
            source = openSource(file, format, options);
        } catch (IOException e) {
            throw readFailure(file, e);
        }

        try (source) {
            return importRows(file, source, new RowChecker(options), onSkipped);
        } catch (IOException e) {
            throw new ImportException("Closing " + file + " failed: " + e.getMessage(), e);
        }
    }

    private ImportSummary importRows(Path file, RowSource source, RowChecker checker, Consumer<SkippedRow> onSkipped) {
        long read = 0;
        long inserted = 0;
        long skipped = 0;
        List<ImportRow> batch = new ArrayList<>(batchSize);
        long batchChars = 0;

        RowDraft draft;
        while ((draft = nextDraft(file, source)) != null) {
            read++;

            RowChecker.Checked checked = checker.check(draft);
            if (checked.problem() != null) {
                skipped++;
                onSkipped.accept(new SkippedRow(draft.line(), checked.problem()));
                continue;
            }

            batch.add(checked.row());
            batchChars += checked.row().textLength();
            if (batch.size() == batchSize || batchChars >= maxBatchChars) {
                inserted += insert(batch);
                batch.clear();
                batchChars = 0;
            }
        }
        inserted += insert(batch);

        return new ImportSummary(read, inserted, read - skipped - inserted, skipped);
    }

    private static RowDraft nextDraft(Path file, RowSource source) {
        try {
            return source.next();
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    private static ImportException readFailure(Path file, IOException e) {
        if (e instanceof InvalidUtf8Exception invalid) {
            return new ImportException(file + " is not valid UTF-8 on line " + invalid.line() + "; save it as "
                    + "UTF-8 and import it again (batches committed before that line stay and are not added twice)",
                    e);
        }
        return new ImportException("Reading " + file + " failed: " + e.getMessage(), e);
    }

    private int insert(List<ImportRow> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            int inserted = inserter.insert(batch);
            LOG.debug("Committed a batch of {} rows from lines {} to {}: {} inserted", batch.size(),
                    batch.get(0).line(), batch.get(batch.size() - 1).line(), inserted);
            return inserted;
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw new ImportException("Inserting the batch of rows from lines " + batch.get(0).line() + " to "
                    + batch.get(batch.size() - 1).line() + " failed (SQLState " + cause.getSQLState() + "): "
                    + firstLine(cause.getMessage()) + "; earlier batches stay, and importing the file again adds "
                    + "only the rest", e);
        }
    }

    /**
     * Shortens a driver message to one line. A batch failure's own message quotes the statement with its values,
     * which can be a whole prompt, so the caller passes the next exception's message where there is one.
     */
    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > MAX_MESSAGE_CHARS ? line.substring(0, MAX_MESSAGE_CHARS) + "..." : line;
    }

    private static ImportFormat resolveFormat(Path file, ImportOptions options) {
        if (options.format() != null) {
            return options.format();
        }
        ImportFormat fromName = ImportFormat.fromFileName(file);
        if (fromName == null) {
            throw new InvalidSettingException("Cannot tell the format of '" + file + "' from its extension "
                    + "(.csv, .jsonl or .ndjson); pass --format csv or --format jsonl");
        }
        return fromName;
    }

    private static RowSource openSource(Path file, ImportFormat format, ImportOptions options) throws IOException {
        LineCountingInput input = LineCountingInput.open(file);
        try {
            if (format == ImportFormat.CSV) {
                return new CsvRowSource(new CsvRecordReader(input, MAX_RECORD_CHARS), options);
            }
            return new JsonLinesRowSource(input, MAX_RECORD_CHARS);
        } catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }
}
