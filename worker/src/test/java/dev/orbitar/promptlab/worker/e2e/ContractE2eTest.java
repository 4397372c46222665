package dev.orbitar.promptlab.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code run-batch} through the command line on a database made as the application's Prisma migration makes
 * it, then reads LabRun and LabScore back by their exact column names.
 */
class ContractE2eTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TIMESTAMP_TEXT = "to_char(%s, 'YYYY-MM-DD\"T\"HH24:MI:SS.MS')";

    @TempDir
    Path dataDir;

    private AppDatabase database;
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> syntheticIds = new HashMap<>();
    private final Map<String, String> sampleIds = new HashMap<>();
    private List<String> schemaBefore;
    private List<String> relationsBefore;
    private Instant startedAt;
    private Instant endedAt;
    private LabCli.Result result;

    @BeforeEach
    void runBatch() throws Exception {
        database = AppDatabase.withApplicationTables();
        syntheticIds.put("coding", database.insertSynthetic("coding",
                "write a python function that parses ISO dates and returns None on bad input"));
        syntheticIds.put("writing", database.insertSynthetic("writing",
                "blog post about moving our CI from Jenkins to GitHub Actions, 800 words"));
        syntheticIds.put("planning", database.insertSynthetic("planning",
                "plan a two week sprint for the billing team, five engineers"));
        sampleIds.put("pinned", database.insertSample("coding",
                "add pagination to the /orders endpoint, 50 per page", "coding_feature_default", "1.1.0"));
        sampleIds.put("unknown", database.insertSample("writing",
                "email to the landlord about the broken heating", "no_such_template", "2.0.0"));
        sampleIds.put("unpinned", database.insertSample("research",
                "summarise what is known about sleep and memory consolidation", null, null));
        schemaBefore = database.applicationSchema();
        relationsBefore = database.publicRelations();

        environment.put("DATABASE_URL", database.prismaUrl());
        environment.put("LAB_DATA_DIR", dataDir.toString());
        environment.put("LAB_LEASE_SECONDS", "3600");
        environment.put("LAB_BATCH_LIMIT", "6");

        startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        result = LabCli.run(environment, "run-batch");
        endedAt = Instant.now();
    }

    private List<Map<String, Object>> labRuns() throws Exception {
        return database.rows("""
                SELECT "id", "templateSlug", "templateVersion", "taskType", "syntheticTaskId", "promptSampleId",
                       "modelName", "status", "errorMessage", "rawRefinedPrompt",
                       %s AS "createdAtText", %s AS "updatedAtText"
                FROM "LabRun" ORDER BY "id"
                """.formatted(TIMESTAMP_TEXT.formatted("\"createdAt\""), TIMESTAMP_TEXT.formatted("\"updatedAt\"")));
    }

    private List<Map<String, Object>> labScores() throws Exception {
        return database.rows("""
                SELECT "id", "labRunId", "structureScore", "contractScore", "domainScore", "overallScore",
                       "metricsJson", %s AS "createdAtText"
                FROM "LabScore" ORDER BY "id"
                """.formatted(TIMESTAMP_TEXT.formatted("\"createdAt\"")));
    }

    private static Instant utc(Object timestampText) {
        return LocalDateTime.parse((String) timestampText).toInstant(ZoneOffset.UTC);
    }

    @Test
    void batchExitsZero() {
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void everyTaskGetsOneDoneRun() throws Exception {
        List<Map<String, Object>> runs = labRuns();

        assertThat(runs).hasSize(6);
        for (Map<String, Object> run : runs) {
            assertThat(run.get("status")).isEqualTo("done");
            assertThat(run.get("errorMessage")).isNull();
            assertThat((String) run.get("rawRefinedPrompt")).isNotBlank();
            assertThat(run.get("modelName")).isEqualTo("offline/rules-v1");
        }
    }

    @Test
    void idsAreShortAndUrlSafe() throws Exception {
        List<Object> ids = database.column("SELECT \"id\" FROM \"LabRun\" UNION ALL SELECT \"id\" FROM \"LabScore\"");

        assertThat(ids).hasSize(12);
        for (Object id : ids) {
            assertThat((String) id).matches("[A-Za-z0-9_-]{10,32}");
        }
        assertThat(Set.copyOf(ids)).hasSize(12);
    }

    @Test
    void taskTypeSetsItsForeignKey() throws Exception {
        for (Map<String, Object> run : labRuns()) {
            if (run.get("taskType").equals("synthetic")) {
                assertThat(syntheticIds).containsValue((String) run.get("syntheticTaskId"));
                assertThat(run.get("promptSampleId")).isNull();
            } else {
                assertThat(run.get("taskType")).isEqualTo("sample");
                assertThat(sampleIds).containsValue((String) run.get("promptSampleId"));
                assertThat(run.get("syntheticTaskId")).isNull();
            }
        }
        assertThat(database.count("LabRun")).isEqualTo(6);
        assertThat(database.number("SELECT count(*) FROM \"LabRun\" WHERE \"taskType\" = 'synthetic'")).isEqualTo(3);
    }

    @Test
    void templatesResolveAsOldWorkerDid() throws Exception {
        Map<String, String> templateBySample = new HashMap<>();
        for (Map<String, Object> run : labRuns()) {
            if (run.get("taskType").equals("sample")) {
                templateBySample.put((String) run.get("promptSampleId"),
                        run.get("templateSlug") + "@" + run.get("templateVersion"));
            }
        }

        assertThat(templateBySample.get(sampleIds.get("pinned"))).isEqualTo("coding_feature_default@1.1.0");
        assertThat(templateBySample.get(sampleIds.get("unknown"))).startsWith("general_");
        assertThat(templateBySample.get(sampleIds.get("unpinned"))).startsWith("research_");
    }

    @Test
    void timestampsAreUtc() throws Exception {
        for (Map<String, Object> run : labRuns()) {
            assertThat(utc(run.get("updatedAtText"))).isBetween(startedAt, endedAt);
            assertThat(utc(run.get("createdAtText"))).isBetween(startedAt, endedAt);
        }
        for (Map<String, Object> score : labScores()) {
            assertThat(utc(score.get("createdAtText"))).isBetween(startedAt, endedAt);
        }
    }

    @Test
    void updatedAtFollowsCreatedAt() throws Exception {
        for (Map<String, Object> run : labRuns()) {
            assertThat(utc(run.get("updatedAtText"))).isAfterOrEqualTo(utc(run.get("createdAtText")));
        }
    }

    @Test
    void scoresAreFractions() throws Exception {
        List<Map<String, Object>> scores = labScores();

        assertThat(scores).hasSize(6);
        for (Map<String, Object> score : scores) {
            for (String column : List.of("structureScore", "contractScore", "domainScore", "overallScore")) {
                assertThat((Double) score.get(column)).as(column).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void metricsJsonIsObject() throws Exception {
        for (Map<String, Object> score : labScores()) {
            JsonNode metrics = JSON.readTree((String) score.get("metricsJson"));

            assertThat(metrics.isObject()).isTrue();
            assertThat(metrics.size()).isPositive();
        }
    }

    @Test
    void scoresPointAtRuns() throws Exception {
        long orphans = database.number("""
                SELECT count(*) FROM "LabScore" s LEFT JOIN "LabRun" r ON r."id" = s."labRunId"
                WHERE r."id" IS NULL OR r."status" <> 'done'
                """);

        assertThat(orphans).isZero();
    }

    @Test
    void applicationTablesUnaltered() throws Exception {
        assertThat(database.applicationSchema()).isEqualTo(schemaBefore);
    }

    @Test
    void publicSchemaGainsNothing() throws Exception {
        assertThat(database.publicRelations()).isEqualTo(relationsBefore);
    }

    @Test
    void noDemoDataInApplicationDatabase() throws Exception {
        assertThat(database.count("SyntheticTask")).isEqualTo(3);
        assertThat(database.count("PromptSample")).isEqualTo(3);
        assertThat(database.number("SELECT count(*) FROM prompt_lab.milestone")).isZero();
    }

    @Test
    void noDemoDataInEmptyDatabase() throws Exception {
        AppDatabase empty = AppDatabase.empty();
        environment.put("DATABASE_URL", empty.prismaUrl());

        LabCli.Result emptyRun = LabCli.run(environment, "run-batch");

        assertThat(emptyRun.exitCode()).isZero();
        assertThat(empty.count("SyntheticTask")).isZero();
        assertThat(empty.count("PromptSample")).isZero();
        assertThat(empty.count("LabRun")).isZero();
        assertThat(emptyRun.logLines()).doesNotContain(
                "Loaded the demo tasks into the embedded database; set DATABASE_URL to use your own");
    }

    @Test
    void passwordNeverShown() {
        assertThat(result.everyLine()).noneMatch(line -> line.contains(AppDatabase.PASSWORD));
    }
}
