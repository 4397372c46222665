package dev.orbitar.promptlab.worker.refining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.worker.scoring.RubricScorer;
import dev.orbitar.promptlab.worker.scoring.ScoringException;
import dev.orbitar.promptlab.worker.templates.TaskCategories;
import dev.orbitar.promptlab.worker.templates.TemplateCatalog;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the offline engine and the rubric over real public prompts from the awesome-chatgpt-prompts collection. The
 * file lives beside the project rather than in it, so every test skips when it is absent.
 */
class RealPromptsTest {

    private static final String FILE_NAME = "awesome-chatgpt-prompts.csv";
    private static final int SAMPLE_SIZE = 200;
    private static final int SAMPLE_STRIDE = 7;
    private static final Pattern LONG_WORD = Pattern.compile("\\p{L}{6,}");

    private static final TemplateCatalog CATALOG = TemplateCatalog.builtIn();
    private static final OfflineRefineEngine ENGINE = new OfflineRefineEngine();

    private static List<String> sample;

    @BeforeAll
    static void loadSample() throws IOException {
        Path csv = Stream.of("../shared/data", "../../shared/data")
                .map(folder -> Path.of(folder, FILE_NAME))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(csv != null, "real prompts not found beside the project; skipping");

        sample = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            long row = 0;
            for (CSVRecord record : format.parse(reader)) {
                if (row++ % SAMPLE_STRIDE == 0 && sample.size() < SAMPLE_SIZE) {
                    sample.add(record.get("prompt"));
                }
            }
        }
    }

    @Test
    void sampleHasExpectedSize() {
        assertThat(sample).hasSize(SAMPLE_SIZE);
    }

    @Test
    void everySectionPresent() throws RefineFailure {
        for (int i = 0; i < sample.size(); i++) {
            String prompt = "\n" + refine(i).text();

            for (String heading : PromptSections.HEADINGS) {
                assertThat(prompt).as("prompt %d, %s", i, heading).contains("\n## " + heading + "\n");
            }
        }
    }

    @Test
    void subjectWordsKept() throws RefineFailure {
        for (int i = 0; i < sample.size(); i++) {
            String input = OfflineRefineEngine.cut(OfflineRefineEngine.normalise(sample.get(i)),
                    OfflineRefineEngine.DEFAULT_INPUT_CAP);
            String prompt = refine(i).text();

            for (String word : subjectWords(input)) {
                assertThat(prompt).as("prompt %d", i).contains(word);
            }
        }
    }

    @Test
    void refinementScoresHigherThanRaw() throws RefineFailure, ScoringException {
        RubricScorer scorer = new RubricScorer();
        double rawTotal = 0;
        double refinedTotal = 0;
        for (int i = 0; i < sample.size(); i++) {
            String category = categoryOf(i);
            rawTotal += scorer.score(sample.get(i), category).overall();
            refinedTotal += scorer.score(refine(i).text(), category).overall();
        }

        double rawMean = rawTotal / sample.size();
        double refinedMean = refinedTotal / sample.size();
        System.out.printf("Rubric overallScore over %d real prompts: raw mean %.4f, offline refinement mean %.4f%n",
                sample.size(), rawMean, refinedMean);

        assertThat(refinedMean).isGreaterThan(rawMean);
    }

    private static Refinement refine(int index) throws RefineFailure {
        String category = categoryOf(index);
        return ENGINE.refine(new RefineRequest("sample-" + index, category, sample.get(index),
                CATALOG.defaultFor(category)));
    }

    /** Spreads the sample over the seven categories so every built-in default template is exercised. */
    private static String categoryOf(int index) {
        return TaskCategories.ALL.get(index % TaskCategories.ALL.size());
    }

    /** Returns the first five distinct words of six letters or more: the subject's key words. */
    private static Set<String> subjectWords(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher matcher = LONG_WORD.matcher(text);
        while (matcher.find() && words.size() < 5) {
            words.add(matcher.group());
        }
        return words;
    }
}
