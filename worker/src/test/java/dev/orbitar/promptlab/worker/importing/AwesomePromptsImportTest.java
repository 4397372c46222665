package dev.orbitar.promptlab.worker.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orbitar.promptlab.worker.picking.TaskKind;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Imports the public awesome-chatgpt-prompts collection (1,476 prompts, fields up to 144,260 characters) and
 * compares every stored text with the same file read by Apache Commons CSV. Skipped where the data file is absent,
 * as in a user's clone.
 */
class AwesomePromptsImportTest {

    private static final String DATA_FILE = "shared/data/awesome-chatgpt-prompts.csv";

    private static ApplicationDatabase database;
    private static Path file;
    private static Map<String, String> expectedById;
    private static ImportSummary first;
    private static ImportSummary second;
    private static final List<SkippedRow> SKIPPED = new ArrayList<>();

    @BeforeAll
    static void importTwice() throws Exception {
        file = findDataFile();
        if (file == null) {
            return;
        }

        expectedById = readWithCommonsCsv(file);
        database = ApplicationDatabase.start();
        Importer importer = new Importer(database.dataSource(), "public");
        first = importer.importFile(file, ImportOptions.defaults(), SKIPPED::add);
        second = importer.importFile(file, ImportOptions.defaults(), SKIPPED::add);
    }

    @BeforeEach
    void requireDataFile() {
        // Each test reports itself skipped, where an assumption in @BeforeAll would hide the class's test count.
        assumeTrue(file != null, DATA_FILE + " not found beside the project");
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void readsEveryPrompt() {
        assertThat(first.read()).isEqualTo(1_476);
        assertThat(first.skipped()).isZero();
        assertThat(SKIPPED).isEmpty();
    }

    @Test
    void insertsEveryPrompt() throws Exception {
        // The collection repeats 18 texts word for word; each repeat is its own row, as in the file.
        assertThat(expectedById).hasSize(1_476);
        assertThat(first.inserted()).isEqualTo(1_476);
        assertThat(first.alreadyPresent()).isZero();
        assertThat(database.count("PromptSample")).isEqualTo(1_476);
    }

    @Test
    void storesEveryTextExactly() throws Exception {
        Map<String, String> stored = database.textsById("PromptSample", "rawText");

        assertThat(stored).isEqualTo(expectedById);
    }

    @Test
    void storesLongestTextExactly() throws Exception {
        String longest = expectedById.values().stream().max(Comparator.comparingInt(String::length)).orElseThrow();

        String stored = database.column("PromptSample", "rawText", RowIds.of(TaskKind.SAMPLE, longest));

        assertThat(longest.codePointCount(0, longest.length())).isEqualTo(144_260);
        assertThat(stored.getBytes(StandardCharsets.UTF_8)).isEqualTo(longest.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void secondImportAddsNothing() {
        assertThat(second).isEqualTo(new ImportSummary(1_476, 0, 1_476, 0));
    }

    @Test
    void developerPromptsAreCoding() throws Exception {
        long uncategorisedDeveloperRows = database.queryLong("SELECT count(*) FROM \"PromptSample\" "
                + "WHERE \"category\" <> 'coding' AND \"rawText\" LIKE 'I want you to act as a linux terminal%'");
        long categories = database.queryLong("SELECT count(DISTINCT \"category\") FROM \"PromptSample\"");

        assertThat(uncategorisedDeveloperRows).isZero();
        assertThat(categories).isEqualTo(Category.values().length);
    }

    private static Map<String, String> readWithCommonsCsv(Path csv) throws IOException {
        Map<String, String> byId = new LinkedHashMap<>();
        Map<String, Integer> repeats = new HashMap<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord record : parser) {
                String text = record.get("prompt");
                int repeat = repeats.merge(text, 1, Integer::sum) - 1;
                byId.put(RowIds.of(TaskKind.SAMPLE, text, repeat), text);
            }
        }
        return byId;
    }

    /** Looks for the data file beside the project, from the module or the project directory. */
    private static Path findDataFile() {
        Path directory = Path.of("").toAbsolutePath();
        for (int level = 0; level < 3 && directory != null; level++) {
            Path candidate = directory.resolve(DATA_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            directory = directory.getParent();
        }
        return null;
    }
}
