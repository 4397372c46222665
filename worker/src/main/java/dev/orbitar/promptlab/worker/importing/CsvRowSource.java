package dev.orbitar.promptlab.worker.importing;

import dev.orbitar.promptlab.worker.importing.CsvRecordReader.CsvRecord;
import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps CSV records to drafts through the header: the text, title and category columns named by the options, and a
 * {@value #FOR_DEVELOPERS_COLUMN} column when the header has one.
 */
final class CsvRowSource implements RowSource {

    /** A column that marks prompts written for developers with {@code TRUE}, as in awesome-chatgpt-prompts. */
    static final String FOR_DEVELOPERS_COLUMN = "for_devs";

    private static final int MAX_COLUMNS_SHOWN = 20;

    private final CsvRecordReader reader;
    private final int headerSize;
    private final int textIndex;
    private final int titleIndex;
    private final int categoryIndex;
    private final int forDevelopersIndex;

    /**
     * Reads the header and finds the columns.
     *
     * @throws InvalidSettingException when a column named by the options is missing
     * @throws ImportException when the header record is malformed
     */
    CsvRowSource(CsvRecordReader reader, ImportOptions options) throws IOException {
        this.reader = reader;

        CsvRecord header = reader.next();
        if (header != null && header.problem() != null) {
            throw new ImportException("The CSV header on line " + header.line() + " is malformed: "
                    + header.problem());
        }
        List<String> columns = new ArrayList<>();
        if (header != null) {
            header.values().forEach(name -> columns.add(name.strip()));
        }
        headerSize = columns.size();

        String textColumn = options.textColumn() != null ? options.textColumn() : ImportOptions.DEFAULT_TEXT_COLUMN;
        textIndex = requiredColumn(columns, "--text-column", textColumn, header != null);
        titleIndex = options.titleColumn() != null
                ? requiredColumn(columns, "--title-column", options.titleColumn(), header != null)
                : columns.indexOf(ImportOptions.DEFAULT_TITLE_COLUMN);
        categoryIndex = options.categoryColumn() != null
                ? requiredColumn(columns, "--category-column", options.categoryColumn(), header != null)
                : -1;
        forDevelopersIndex = columns.indexOf(FOR_DEVELOPERS_COLUMN);
    }

    @Override
    public RowDraft next() throws IOException {
        CsvRecord record = reader.next();
        if (record == null) {
            return null;
        }
        if (record.problem() != null) {
            return RowDraft.unreadable(record.line(), "malformed CSV record: " + record.problem());
        }

        List<String> values = record.values();
        if (values.size() != headerSize) {
            return RowDraft.unreadable(record.line(), "malformed CSV record: it has " + values.size()
                    + " fields but the header has " + headerSize);
        }

        boolean forDevelopers = forDevelopersIndex >= 0 && values.get(forDevelopersIndex).strip()
                .equalsIgnoreCase("true");
        return new RowDraft(record.line(), null, values.get(textIndex), valueOrNull(values, titleIndex),
                forDevelopers, valueOrNull(values, categoryIndex), null, null, null, null, null, null, null);
    }

    private static String valueOrNull(List<String> values, int index) {
        return index >= 0 ? values.get(index) : null;
    }

    /** Returns the column's index, or -1 for an empty file, which has no header and so no columns to check. */
    private static int requiredColumn(List<String> columns, String option, String name, boolean hasHeader) {
        if (!hasHeader) {
            return -1;
        }
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new InvalidSettingException(option, name, "the CSV header has no such column; its columns are "
                    + shownColumns(columns));
        }
        if (columns.lastIndexOf(name) != index) {
            throw new InvalidSettingException(option, name, "the CSV header has this column more than once; "
                    + "rename one of them");
        }
        return index;
    }

    private static String shownColumns(List<String> columns) {
        if (columns.size() <= MAX_COLUMNS_SHOWN) {
            return String.join(", ", columns);
        }
        return String.join(", ", columns.subList(0, MAX_COLUMNS_SHOWN)) + " and " + (columns.size()
                - MAX_COLUMNS_SHOWN) + " more";
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
