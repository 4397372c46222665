package dev.orbitar.promptlab.worker.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.orbitar.promptlab.worker.scoring.RubricScorer;
import dev.orbitar.promptlab.worker.scoring.ScoreCard;
import dev.orbitar.promptlab.worker.scoring.Scorer;
import dev.orbitar.promptlab.worker.scoring.ScoringException;
import dev.orbitar.promptlab.worker.templates.TaskCategories;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code score} command: prints the rubric scores of a prompt as JSON, or, with {@code --jsonl}, of one prompt
 * per input line. JSON Lines input is streamed line by line, so memory does not grow with the input.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores a prompt with the deterministic rubric and prints the scores as JSON.",
            "Reads FILE, or standard input when FILE is absent or '-'. Input must be UTF-8."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every prompt was scored",
            "1:with --jsonl, at least one line could not be scored; or the input could not be read",
            "2:invalid usage: unknown category, missing file or invalid UTF-8"
        })
public final class ScoreCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int SOME_LINES_FAILED = 1;
    static final int USAGE = 2;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "File containing the prompt (or JSON Lines with --jsonl); '-' or absent for standard input.")
    private String file;

    @Option(names = "--category", paramLabel = "CATEGORY", defaultValue = TaskCategories.GENERAL,
            description = "Task category whose vocabulary domainScore uses: coding, writing, planning, research, "
                    + "creative, communication or general (default: ${DEFAULT-VALUE}). With --jsonl, a line's own "
                    + "\"category\" field takes precedence.")
    private String category;

    @Option(names = "--jsonl",
            description = "Read one JSON object per line, {\"text\": ..., \"category\": ...}, and print one result "
                    + "per line. A line that cannot be scored prints {\"line\": N, \"error\": ...} and the "
                    + "command goes on.")
    private boolean jsonLines;

    private final Scorer scorer;
    private final Supplier<InputStream> standardInput;

    /** Creates the command with the rubric scorer, reading standard input from {@code System.in}. */
    public ScoreCommand() {
        this(new RubricScorer(), () -> System.in);
    }

    /** Creates the command with another scorer or standard input, for tests and for adding an LLM judge later. */
    public ScoreCommand(Scorer scorer, Supplier<InputStream> standardInput) {
        this.scorer = scorer;
        this.standardInput = standardInput;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!TaskCategories.isKnown(category)) {
            err.println("Invalid --category '" + category + "': expected one of " + TaskCategories.listed());
            return USAGE;
        }

        try (InputStream input = open()) {
            return jsonLines ? scoreLines(input, out) : scoreWhole(input, out, err);
        } catch (NoSuchFileException e) {
            err.println("Prompt file not found: " + file);
            return USAGE;
        } catch (CharacterCodingException e) {
            err.println("Invalid input " + describeInput() + ": not valid UTF-8; convert it to UTF-8 and retry");
            return USAGE;
        } catch (IOException e) {
            err.println("Could not read " + describeInput() + ": " + e.getMessage());
            return SOME_LINES_FAILED;
        }
    }

    private int scoreWhole(InputStream input, PrintWriter out, PrintWriter err) throws IOException {
        String prompt;
        try (Reader reader = strictUtf8(input)) {
            prompt = readAll(reader);
        }
        if (prompt.isBlank()) {
            err.println("Invalid input " + describeInput() + ": the prompt is empty; give a file or pipe the prompt"
                    + " on standard input");
            return USAGE;
        }

        try {
            ScoreCard card = scorer.score(prompt, category);
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result(null, category, card)));
            out.flush();
            return OK;
        } catch (ScoringException e) {
            err.println("Scoring failed for " + describeInput() + ": " + e.getMessage());
            return SOME_LINES_FAILED;
        }
    }

    private int scoreLines(InputStream input, PrintWriter out) throws IOException {
        boolean anyFailed = false;
        try (BufferedReader reader = new BufferedReader(strictUtf8(input))) {
            long lineNumber = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> result = scoreLine(lineNumber, line);
                anyFailed |= result.containsKey("error");
                out.println(JSON.writeValueAsString(result));
                out.flush();
            }
        }
        return anyFailed ? SOME_LINES_FAILED : OK;
    }

    private Map<String, Object> scoreLine(long lineNumber, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return error(lineNumber, "invalid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            return error(lineNumber, "expected a JSON object like {\"text\": \"...\", \"category\": \"coding\"}");
        }

        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            return error(lineNumber, "missing string field \"text\"");
        }
        JsonNode lineCategory = node.get("category");
        String chosen = lineCategory == null || lineCategory.isNull() ? category : lineCategory.asText();
        if (!TaskCategories.isKnown(chosen)) {
            return error(lineNumber, "invalid category '" + chosen + "': expected one of " + TaskCategories.listed());
        }

        try {
            return result(lineNumber, chosen, scorer.score(text.textValue(), chosen));
        } catch (ScoringException | RuntimeException e) {
            // One bad prompt must not end a long scoring run; the error line names it instead.
            return error(lineNumber, "scoring failed: " + e.getMessage());
        }
    }

    private static Map<String, Object> result(Long lineNumber, String category, ScoreCard card) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (lineNumber != null) {
            result.put("line", lineNumber);
        }
        result.put("category", category);
        result.put("structureScore", card.structure());
        result.put("contractScore", card.contract());
        result.put("domainScore", card.domain());
        result.put("overallScore", card.overall());
        result.put("metrics", card.metrics());
        return result;
    }

    private static Map<String, Object> error(long lineNumber, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("line", lineNumber);
        error.put("error", message);
        return error;
    }

    private InputStream open() throws IOException {
        if (file == null || file.equals("-")) {
            return standardInput.get();
        }
        return Files.newInputStream(Path.of(file));
    }

    private String describeInput() {
        return file == null || file.equals("-") ? "standard input" : file;
    }

    private static Reader strictUtf8(InputStream input) {
        return new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        int read;
        while ((read = reader.read(buffer)) != -1) {
            text.append(buffer, 0, read);
        }
        return text.toString();
    }
}
