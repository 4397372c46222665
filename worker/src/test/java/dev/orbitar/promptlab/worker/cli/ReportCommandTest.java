package dev.orbitar.promptlab.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.report.CsvReport;
import dev.orbitar.promptlab.worker.report.ReportDatabase;
import dev.orbitar.promptlab.worker.report.ReportDatabases;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the report command as a user would, against the seeded database of {@code report/seed.sql}. */
class ReportCommandTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-09T00:00:00Z"), ZoneOffset.UTC);
    private static final double CLOSE = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReportDatabases databases;

    @TempDir
    Path folder;

    @BeforeAll
    static void startDatabase() throws Exception {
        databases = ReportDatabases.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        databases.close();
    }

    @Test
    void helpListsOptions() {
        Result result = run(databases.seeded(), "--help");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("--since", "--until", "--category", "--engine", "--model", "--compare",
                "--format", "--html");
    }

    @Test
    void helpNeedsNoDatabase() {
        ReportDatabase unusable = ReportDatabase.of(null, null, null);

        assertThat(run(unusable, "--help").code()).isZero();
    }

    @Test
    void tableListsVersionsInRankOrder() {
        Result result = run(databases.seeded());
        String out = result.out();

        assertThat(result.code()).isZero();
        assertThat(out.indexOf("1.1.0")).isLessThan(out.indexOf("coding_feature_default  1.0.0"));
        assertThat(out.indexOf("coding_feature_default  1.0.0")).isLessThan(out.indexOf("writing_blog_default"));
        assertThat(out.indexOf("writing_blog_default")).isLessThan(out.indexOf("general_chat_default"));
    }

    @Test
    void tableShowsMeanWithHalfWidth() {
        String out = run(databases.seeded()).out();

        // A overall: 0.625 +/- 0.2717530884 over 4 runs; C overall: 0.55 with no interval
        assertThat(out).contains("0.625 +/-0.272 (4)");
        assertThat(out).contains("0.550 (1)");
        assertThat(out).contains("20.0%");
        assertThat(out).contains("2025-03-05T08:00:00Z");
    }

    @Test
    void tableComparison() {
        Result result = run(databases.seeded(), "--compare", "coding_feature_default@1.0.0",
                "coding_feature_default@1.1.0");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Paired tasks: 3");
        // overall: +0.050 [-0.074, +0.174], t 1.732, df 2, p 0.225
        assertThat(result.out()).containsPattern("Overall\\s+3\\s+\\+0\\.050\\s+\\[-0\\.074, \\+0\\.174]\\s+1\\.732\\s+2"
                + "\\s+0\\.225\\s+2\\s+0\\s+1");
        assertThat(result.out()).doesNotContain("writing_blog_default");
    }

    @Test
    void csvLeaderboardShape() throws IOException {
        Result result = run(databases.seeded(), "--format", "csv");
        List<CSVRecord> records = parseCsv(result.out());

        assertThat(result.code()).isZero();
        assertThat(records).hasSize(4);
        assertThat(records.get(0).getParser().getHeaderNames()).isEqualTo(CsvReport.leaderboardHeader());
    }

    @Test
    void csvLeaderboardValues() throws IOException {
        List<CSVRecord> records = parseCsv(run(databases.seeded(), "--format", "csv").out());
        CSVRecord a = records.get(1);
        CSVRecord c = records.get(2);

        assertThat(a.get("templateVersion")).isEqualTo("1.0.0");
        assertThat(Double.parseDouble(a.get("overallMean"))).isCloseTo(0.625, within(CLOSE));
        assertThat(Double.parseDouble(a.get("overallCiLow"))).isCloseTo(0.3532469116, within(CLOSE));
        assertThat(Double.parseDouble(a.get("overallCiHigh"))).isCloseTo(0.8967530884, within(CLOSE));
        assertThat(a.get("overallN")).isEqualTo("4");
        assertThat(a.get("medianLatencyMs")).isEqualTo("1200");
        assertThat(a.get("totalCostUsd")).isEqualTo("0.0042");
        // C: one scored run and no usage row, so no interval, latency or cost (empty, not zero)
        assertThat(c.get("overallCiLow")).isEmpty();
        assertThat(c.get("medianLatencyMs")).isEmpty();
        assertThat(c.get("totalCostUsd")).isEmpty();
    }

    @Test
    void csvComparisonShape() throws IOException {
        List<CSVRecord> records = parseCsv(run(databases.seeded(), "--format", "csv", "--compare",
                "coding_feature_default@1.0.0", "coding_feature_default@1.1.0").out());

        assertThat(records).extracting(record -> record.get("score"))
                .containsExactly("structure", "contract", "domain", "overall");
        assertThat(records.get(0).getParser().getHeaderNames()).isEqualTo(CsvReport.comparisonHeader());
        assertThat(Double.parseDouble(records.get(3).get("p"))).isCloseTo(0.2254033308, within(CLOSE));
        // structure: constant difference, so no t-test
        assertThat(records.get(0).get("t")).isEmpty();
    }

    @Test
    void jsonLeaderboardShape() throws IOException {
        Result result = run(databases.seeded(), "--format", "json");
        JsonNode rows = JSON.readTree(result.out());

        assertThat(result.code()).isZero();
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(4);
        for (JsonNode row : rows) {
            assertThat(row.has("templateSlug")).isTrue();
            assertThat(row.has("templateVersion")).isTrue();
            assertThat(row.has("runs")).isTrue();
            assertThat(row.has("failed")).isTrue();
            for (String score : List.of("structure", "contract", "domain", "overall")) {
                assertThat(fieldNames(row.get(score))).containsExactlyInAnyOrder("mean", "ciLow", "ciHigh", "n");
            }
        }
    }

    @Test
    void jsonLeaderboardValues() throws IOException {
        JsonNode rows = JSON.readTree(run(databases.seeded(), "--format", "json").out());
        JsonNode a = rows.get(1);
        JsonNode c = rows.get(2);

        assertThat(a.get("runs").asInt()).isEqualTo(5);
        assertThat(a.get("failed").asInt()).isEqualTo(1);
        assertThat(a.get("overall").get("mean").asDouble()).isCloseTo(0.625, within(CLOSE));
        assertThat(a.get("overall").get("ciHigh").asDouble()).isCloseTo(0.8967530884, within(CLOSE));
        assertThat(a.get("lastRunAt").asText()).isEqualTo("2025-03-02T11:00:00Z");
        assertThat(c.get("overall").get("ciLow").isNull()).isTrue();
        assertThat(c.get("medianLatencyMs").isNull()).isTrue();
        assertThat(c.get("totalCostUsd").isNull()).isTrue();
    }

    @Test
    void jsonComparisonValues() throws IOException {
        JsonNode comparison = JSON.readTree(run(databases.seeded(), "--format", "json", "--compare",
                "coding_feature_default@1.0.0", "coding_feature_default@1.1.0").out());
        JsonNode overall = comparison.get("scores").get(3);

        assertThat(comparison.get("pairedTasks").asInt()).isEqualTo(3);
        assertThat(overall.get("score").asText()).isEqualTo("overall");
        assertThat(overall.get("t").asDouble()).isCloseTo(1.7320508076, within(CLOSE));
        assertThat(overall.get("df").asInt()).isEqualTo(2);
        assertThat(overall.get("candidateWins").asInt()).isEqualTo(2);
        assertThat(comparison.get("tasks")).hasSize(3);
    }

    @Test
    void emptyDatabaseTable() {
        Result result = run(databases.empty());

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("No Lab runs match the selection.");
    }

    @Test
    void emptyDatabaseJson() throws IOException {
        JsonNode rows = JSON.readTree(run(databases.empty(), "--format", "json").out());

        assertThat(rows.isArray()).isTrue();
        assertThat(rows).isEmpty();
    }

    @Test
    void emptyDatabaseCsvHasHeaderOnly() {
        String out = run(databases.empty(), "--format", "csv").out();

        assertThat(out.lines()).hasSize(1);
        assertThat(out).startsWith("templateSlug,templateVersion,runs,");
    }

    @Test
    void compareWithUnknownVersionWarns() {
        Result result = run(databases.seeded(), "--compare", "coding_feature_default@1.0.0",
                "coding_feature_default@9.9.9");

        assertThat(result.code()).isZero();
        assertThat(result.err()).contains("No done runs of coding_feature_default@9.9.9");
        assertThat(result.out()).contains("Paired tasks: 0");
    }

    @Test
    void sinceSpanUsesClock() throws IOException {
        // 7d before 2025-03-09T00:00Z is 2025-03-02T00:00Z, which drops run_a0: A overall is then 0.6, 0.7, 0.8
        JsonNode rows = JSON.readTree(run(databases.seeded(), "--format", "json", "--since", "7d").out());
        JsonNode a = rows.get(1);

        assertThat(a.get("templateVersion").asText()).isEqualTo("1.0.0");
        assertThat(a.get("overall").get("mean").asDouble()).isCloseTo(0.7, within(CLOSE));
        assertThat(a.get("overall").get("ciLow").asDouble()).isCloseTo(0.4515862288, within(CLOSE));
    }

    @Test
    void categoryAndModelFilters() throws IOException {
        JsonNode rows = JSON.readTree(run(databases.seeded(), "--format", "json", "--category", "coding",
                "--model", "offline").out());

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("templateSlug").asText()).isEqualTo("general_chat_default");
    }

    @Test
    void engineFilter() throws IOException {
        JsonNode rows = JSON.readTree(run(databases.seeded(), "--format", "json", "--engine", "offline").out());

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("templateSlug").asText()).isEqualTo("general_chat_default");
    }

    @Test
    void invalidFormat() {
        assertUsageError(run(databases.seeded(), "--format", "xml"), "--format", "'xml'");
    }

    @Test
    void invalidSince() {
        assertUsageError(run(databases.seeded(), "--since", "yesterday"), "--since", "'yesterday'");
    }

    @Test
    void invalidUntil() {
        assertUsageError(run(databases.seeded(), "--until", "2025-13-01"), "--until", "'2025-13-01'");
    }

    @Test
    void windowEndingBeforeItStarts() {
        assertUsageError(run(databases.seeded(), "--since", "2025-03-05", "--until", "2025-03-01"), "--since",
                "2025-03-05");
    }

    @Test
    void compareValueWithoutVersion() {
        assertUsageError(run(databases.seeded(), "--compare", "coding_feature_default", "x@1"), "--compare",
                "'coding_feature_default'");
    }

    @Test
    void compareSameVersionTwice() {
        assertUsageError(run(databases.seeded(), "--compare", "a_b_c@1.0.0", "a_b_c@1.0.0"), "--compare",
                "a_b_c@1.0.0");
    }

    @Test
    void compareWithOneValue() {
        assertUsageError(run(databases.seeded(), "--compare", "a_b_c@1.0.0"), "--compare", "SLUG@VERSION");
    }

    @Test
    void compareGivenTwice() {
        assertUsageError(run(databases.seeded(), "--compare", "a_b_c@1", "a_b_c@2", "--compare", "a_b_c@3",
                "a_b_c@4"), "--compare", "a_b_c@4");
    }

    @Test
    void helpHasNoFormatWarning() {
        Result result = run(databases.seeded(), "--help");

        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("95% Student t intervals");
    }

    @Test
    void blankCategory() {
        assertUsageError(run(databases.seeded(), "--category", " "), "--category", "' '");
    }

    @Test
    void unknownCategory() {
        assertUsageError(run(databases.seeded(), "--category", "bogus"), "--category", "'bogus'");
    }

    @Test
    void unknownOption() {
        assertUsageError(run(databases.seeded(), "--colour"), "--colour", "--colour");
    }

    @Test
    void htmlInMissingFolder() {
        Path file = folder.resolve("missing").resolve("report.html");

        assertUsageError(run(databases.seeded(), "--html", file.toString()), "--html", file.toString());
    }

    @Test
    void missingUsageTableFails() {
        ReportDatabase wrongSchema = ReportDatabase.of(databases.seeded().dataSource(), "public", "no_such_schema");
        Result result = run(wrongSchema);

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("no_such_schema");
    }

    @Test
    void htmlIsWritten() throws IOException {
        Path file = folder.resolve("report.html");
        Result result = run(databases.seeded(), "--html", file.toString());

        assertThat(result.code()).isZero();
        assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>");
        assertThat(result.err()).contains("Wrote the HTML report to");
    }

    private static void assertUsageError(Result result, String flag, String value) {
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains(flag);
        assertThat(result.err()).contains(value);
        assertThat(result.out()).isEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<CSVRecord> parseCsv(String text) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            return parser.getRecords();
        }
    }

    static Result run(ReportDatabase database, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ReportCommand.commandLine(database, CLOCK);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {
    }
}
