package dev.orbitar.promptlab.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.scoring.RubricScorer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PROMPT = """
            ## Role
            You are a senior Python engineer.
            ## Goal
            Write a function that parses orders.csv.
            ## Output format
            One fenced code block.
            """;

    @Test
    void scoresFile(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("prompt.md");
        Files.writeString(file, PROMPT);

        Run run = run("", file.toString(), "--category", "coding");

        assertThat(run.exitCode).isZero();
        JsonNode result = JSON.readTree(run.out);
        assertThat(result.get("category").asText()).isEqualTo("coding");
        assertThat(result.get("overallScore").asDouble()).isBetween(0.0, 1.0);
        assertThat(result.get("metrics").get("scorer").asText()).isEqualTo("rubric");
        assertThat(result.has("line")).isFalse();
    }

    @Test
    void scoresStandardInput() throws IOException {
        Run run = run(PROMPT);

        assertThat(run.exitCode).isZero();
        JsonNode result = JSON.readTree(run.out);
        assertThat(result.get("category").asText()).isEqualTo("general");
        assertThat(result.get("structureScore").asDouble()).isGreaterThan(0.0);
    }

    @Test
    void dashReadsStandardInput() throws IOException {
        Run run = run(PROMPT, "-", "--category", "writing");

        assertThat(run.exitCode).isZero();
        assertThat(JSON.readTree(run.out).get("category").asText()).isEqualTo("writing");
    }

    @Test
    void sameScoresAsScorer() throws Exception {
        Run run = run(PROMPT, "--category", "coding");

        double expected = new RubricScorer().score(PROMPT, "coding").overall();
        assertThat(JSON.readTree(run.out).get("overallScore").asDouble()).isEqualTo(expected);
    }

    @Test
    void emptyPromptRejected() {
        Run run = run("  \n");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("the prompt is empty");
    }

    @Test
    void badCategoryRejected() {
        Run run = run(PROMPT, "--category", "marketing");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("Invalid --category 'marketing'");
        assertThat(run.err).contains("coding, writing, planning, research, creative, communication, general");
        assertThat(run.out).isEmpty();
    }

    @Test
    void missingFileRejected(@TempDir Path folder) {
        Run run = run("", folder.resolve("absent.txt").toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("Prompt file not found");
    }

    @Test
    void invalidUtf8Rejected(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("latin1.txt");
        Files.write(file, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});

        Run run = run("", file.toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("not valid UTF-8");
    }

    @Test
    void jsonLinesOneResultPerLine() throws IOException {
        String input = """
                {"text": "write a csv parser", "category": "coding"}

                {"text": "a poem about autumn"}
                """;

        Run run = run(input, "--jsonl", "--category", "creative");

        assertThat(run.exitCode).isZero();
        List<JsonNode> results = lines(run.out);
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("line").asInt()).isEqualTo(1);
        assertThat(results.get(0).get("category").asText()).isEqualTo("coding");
        assertThat(results.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(results.get(1).get("category").asText()).isEqualTo("creative");
    }

    @Test
    void jsonLinesBadLineReported() throws IOException {
        String input = """
                {"text": "first prompt"}
                {"text": unquoted}
                ["not", "an", "object"]
                {"prompt": "wrong field"}
                {"text": "bad category", "category": "sales"}
                {"text": "last prompt"}
                """;

        Run run = run(input, "--jsonl");

        assertThat(run.exitCode).isEqualTo(1);
        List<JsonNode> results = lines(run.out);
        assertThat(results).hasSize(6);
        assertThat(results.get(0).has("overallScore")).isTrue();
        assertThat(results.get(1).get("line").asInt()).isEqualTo(2);
        assertThat(results.get(1).get("error").asText()).startsWith("invalid JSON");
        assertThat(results.get(2).get("error").asText()).contains("expected a JSON object");
        assertThat(results.get(3).get("error").asText()).contains("missing string field \"text\"");
        assertThat(results.get(4).get("error").asText()).contains("invalid category 'sales'");
        assertThat(results.get(5).get("line").asInt()).isEqualTo(6);
        assertThat(results.get(5).has("overallScore")).isTrue();
    }

    @Test
    void jsonLinesStreamsResults() {
        StringWriter out = new StringWriter();
        LineSource source = new LineSource(40, 20_000, out);
        CommandLine command = new CommandLine(new ScoreCommand(new RubricScorer(), () -> source));
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(new StringWriter()));

        int exitCode = command.execute("--jsonl");

        assertThat(exitCode).isZero();
        assertThat(out.toString().lines().count()).isEqualTo(40);
        // Results were already printed while later lines were still being read, so nothing waits for the end.
        assertThat(source.maximumLag).isLessThanOrEqualTo(2);
    }

    @Test
    void helpListsOptions() {
        Run run = run("", "--help");

        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("--category");
        assertThat(run.out).contains("--jsonl");
        assertThat(run.out).contains("Exit codes");
    }

    private static List<JsonNode> lines(String out) {
        return out.lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
    }

    private static Run run(String standardInput, String... args) {
        InputStream stdin = new ByteArrayInputStream(standardInput.getBytes(StandardCharsets.UTF_8));
        CommandLine command = new CommandLine(new ScoreCommand(new RubricScorer(), () -> stdin));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));

        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }

    /**
     * Generates JSON Lines on demand, each longer than the readers' buffers, and records the maximum number of lines
     * read ahead of the printed results.
     */
    private static final class LineSource extends InputStream {

        private final int lineCount;
        private final int lineLength;
        private final StringWriter out;
        private byte[] current = new byte[0];
        private int position;
        private int linesStarted;
        int maximumLag;

        LineSource(int lineCount, int lineLength, StringWriter out) {
            this.lineCount = lineCount;
            this.lineLength = lineLength;
            this.out = out;
        }

        @Override
        public int read() {
            if (position == current.length) {
                if (linesStarted == lineCount) {
                    return -1;
                }
                startLine();
            }
            return current[position++] & 0xFF;
        }

        private void startLine() {
            long printed = out.toString().lines().count();
            maximumLag = (int) Math.max(maximumLag, linesStarted - printed);
            String text = "Write a summary. ".repeat(lineLength / 17);
            current = ("{\"text\": \"" + text + "\"}\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
            linesStarted++;
        }
    }
}
