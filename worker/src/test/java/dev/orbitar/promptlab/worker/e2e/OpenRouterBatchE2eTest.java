package dev.orbitar.promptlab.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code run-batch} with the openrouter engine against a fake provider over real HTTP: what is stored on
 * success, how a refused key, a context-length error and the cost budget end or continue the batch, and that a dry
 * run calls no model.
 */
class OpenRouterBatchE2eTest {

    private static final String API_KEY = "sk-or-v1-e2e-fake-key-5f0c9a7d13b2e4";
    private static final String CONTEXT_MARKER = "paste of the whole quarterly report";

    @TempDir
    Path dataDir;

    private FakeOpenRouter provider;
    private AppDatabase database;
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> taskIds = new ArrayList<>();
    private final List<LabCli.Result> results = new ArrayList<>();

    @BeforeEach
    void startProvider() throws Exception {
        provider = new FakeOpenRouter();
        database = AppDatabase.withApplicationTables();
        environment.put("DATABASE_URL", database.prismaUrl());
        environment.put("LAB_DATA_DIR", dataDir.toString());
        environment.put("LAB_LEASE_SECONDS", "3600");
        environment.put("OPENROUTER_API_KEY", API_KEY);
        environment.put("OPENROUTER_BASE_URL", provider.baseUrl());
    }

    @AfterEach
    void checkKeyNeverShown() throws Exception {
        provider.close();
        for (LabCli.Result result : results) {
            assertThat(result.everyLine()).noneMatch(line -> line.contains(API_KEY));
        }
    }

    private void seedTasks(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String text = "draft a note to the team about office plants, version " + i;
            taskIds.add(i % 2 == 0 ? database.insertSynthetic("writing", text)
                    : database.insertSample("general", text, null, null));
        }
    }

    private LabCli.Result runBatch(String... args) {
        List<String> command = new ArrayList<>(List.of("run-batch"));
        command.addAll(List.of(args));
        LabCli.Result result = LabCli.run(environment, command.toArray(String[]::new));
        results.add(result);
        return result;
    }

    private List<Map<String, Object>> runs() throws Exception {
        return database.rows("SELECT \"id\", \"status\", \"errorMessage\", \"modelName\","
                + " coalesce(\"syntheticTaskId\", \"promptSampleId\") AS \"taskId\" FROM \"LabRun\"");
    }

    private List<Object> taskIdsOfRuns() throws Exception {
        return runs().stream().map(run -> run.get("taskId")).toList();
    }

    private long claimsHeld() throws Exception {
        return database.number("SELECT count(*) FROM prompt_lab.task_claim WHERE batch_id IS NOT NULL");
    }

    @Test
    void successStoresAnsweringModel() throws Exception {
        seedTasks(4);

        LabCli.Result result = runBatch("--batch-limit", "4");

        assertThat(result.exitCode()).isZero();
        assertThat(runs()).hasSize(4);
        for (Map<String, Object> run : runs()) {
            assertThat(run.get("status")).isEqualTo("done");
            assertThat(run.get("modelName")).isEqualTo(FakeOpenRouter.ANSWERING_MODEL);
        }
        assertThat(database.count("LabScore")).isEqualTo(4);
    }

    @Test
    void successStoresUsageAndCost() throws Exception {
        seedTasks(3);

        runBatch("--batch-limit", "3");

        List<Map<String, Object>> usage = database.rows("SELECT engine, prompt_tokens, completion_tokens, cost_usd,"
                + " attempts FROM prompt_lab.run_usage");
        assertThat(usage).hasSize(3);
        for (Map<String, Object> row : usage) {
            assertThat(row.get("engine")).isEqualTo("openrouter");
            assertThat(row.get("prompt_tokens")).isEqualTo(FakeOpenRouter.PROMPT_TOKENS);
            assertThat(row.get("completion_tokens")).isEqualTo(FakeOpenRouter.COMPLETION_TOKENS);
            assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo(FakeOpenRouter.COST);
            assertThat(row.get("attempts")).isEqualTo(1);
        }
    }

    @Test
    void missingCostStaysNull() throws Exception {
        seedTasks(2);
        provider.respond(body -> FakeOpenRouter.answer(null));

        runBatch("--batch-limit", "2");

        assertThat(database.number("SELECT count(*) FROM prompt_lab.run_usage")).isEqualTo(2);
        assertThat(database.number("SELECT count(*) FROM prompt_lab.run_usage WHERE cost_usd IS NULL")).isEqualTo(2);
    }

    @Test
    void requestCarriesKeyToProvider() throws Exception {
        seedTasks(1);

        runBatch("--batch-limit", "1");

        assertThat(provider.requests()).hasSize(1);
        assertThat(provider.requests().get(0).getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(provider.requests().get(0).getUrl().encodedPath()).isEqualTo("/api/v1/chat/completions");
    }

    @Test
    void unauthorizedStopsBatchEarly() throws Exception {
        seedTasks(6);
        provider.respond(body -> FakeOpenRouter.error(401, "No auth credentials found"));

        LabCli.Result result = runBatch("--batch-limit", "6", "--concurrency", "1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(provider.requests()).hasSize(1);
        assertThat(runs()).hasSize(1);
        assertThat(runs().get(0).get("status")).isEqualTo("error");
        assertThat(runs().get(0).get("errorMessage")).isEqualTo("unauthorized");
        assertThat(database.count("LabScore")).isZero();
        assertThat(claimsHeld()).isZero();
    }

    @Test
    void unauthorizedLogsOneErrorLine() throws Exception {
        seedTasks(6);
        provider.respond(body -> FakeOpenRouter.error(401, "No auth credentials found"));

        LabCli.Result result = runBatch("--batch-limit", "6", "--concurrency", "1");

        assertThat(result.logLines(Level.ERROR)).hasSize(1);
        assertThat(result.logLines(Level.ERROR).get(0)).contains("unauthorized");
        assertThat(result.logLinesOf("PromptLabCron")).last().asString()
                .startsWith("[PromptLabCron] Stopped Lab batch early (unauthorized: ")
                .endsWith("{ runsCreated: 1, scoresCreated: 0 }");
    }

    @Test
    void releasedTasksRunNextBatch() throws Exception {
        seedTasks(6);
        provider.respond(body -> FakeOpenRouter.error(401, "No auth credentials found"));
        runBatch("--batch-limit", "6", "--concurrency", "1");

        provider.respond(body -> FakeOpenRouter.answer(FakeOpenRouter.COST));
        LabCli.Result next = runBatch("--batch-limit", "6");

        assertThat(next.exitCode()).isZero();
        List<Object> runTasks = taskIdsOfRuns();
        assertThat(runTasks).hasSize(7);
        assertThat(runTasks).containsAll(taskIds);
        assertThat(database.number("SELECT count(*) FROM \"LabRun\" WHERE \"status\" = 'done'")).isEqualTo(6);
    }

    @Test
    void unauthorizedEndsOnlyInFlightTasks() throws Exception {
        seedTasks(12);
        // The delay lets the four task threads start their calls before the first refusal arrives.
        provider.respond(body -> FakeOpenRouter.slowError(401, "User not found.", 300));

        LabCli.Result result = runBatch("--batch-limit", "12", "--concurrency", "4");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(runs()).hasSize(provider.requests().size());
        assertThat(runs().size()).isBetween(1, 4);
        assertThat(runs()).allMatch(run -> "unauthorized".equals(run.get("errorMessage")));
        assertThat(claimsHeld()).isZero();
        assertThat(database.number("SELECT count(*) FROM prompt_lab.task_claim WHERE last_run_at IS NULL"))
                .isEqualTo(12 - runs().size());
    }

    @Test
    void contextLengthErrorEndsOneRun() throws Exception {
        seedTasks(3);
        String longTask = database.insertSample("research", "summarise this " + CONTEXT_MARKER, null, null);
        provider.respond(body -> body.contains(CONTEXT_MARKER)
                ? FakeOpenRouter.error(400, "This endpoint's maximum context length is 128000 tokens."
                        + " However, you requested about 201234 tokens.")
                : FakeOpenRouter.answer(FakeOpenRouter.COST));

        LabCli.Result result = runBatch("--batch-limit", "4", "--concurrency", "1");

        assertThat(result.exitCode()).isZero();
        assertThat(provider.requests()).hasSize(4);
        for (Map<String, Object> run : runs()) {
            if (run.get("taskId").equals(longTask)) {
                assertThat(run.get("status")).isEqualTo("error");
                assertThat(run.get("errorMessage")).isEqualTo("context_length_exceeded");
            } else {
                assertThat(run.get("status")).isEqualTo("done");
            }
        }
        assertThat(database.count("LabScore")).isEqualTo(3);
    }

    @Test
    void budgetStopsNewTasks() throws Exception {
        seedTasks(8);
        // Each call costs 0.000123 USD, so the third call reaches 0.0003 USD.
        environment.put("LAB_BUDGET_USD", "0.0003");

        LabCli.Result result = runBatch("--batch-limit", "8", "--concurrency", "1");

        assertThat(result.exitCode()).isZero();
        assertThat(provider.requests()).hasSize(3);
        assertThat(runs()).hasSize(3);
        assertThat(claimsHeld()).isZero();
        assertThat(result.logLines(Level.WARN)).anyMatch(line -> line.contains("budget of 0.0003 USD"));
    }

    @Test
    void dryRunCallsNoModel() throws Exception {
        seedTasks(4);
        assertThat(LabCli.run(environment, "migrate").exitCode()).isZero();

        LabCli.Result result = runBatch("--batch-limit", "4", "--dry-run");

        assertThat(result.exitCode()).isZero();
        assertThat(provider.requests()).isEmpty();
        assertThat(result.logLines()).filteredOn(line -> line.startsWith("Dry run: would run task")).hasSize(4);
        assertThat(database.count("LabRun")).isZero();
    }

    @Test
    void taskIdsStayDistinct() throws Exception {
        seedTasks(5);

        runBatch("--batch-limit", "5", "--concurrency", "4");

        assertThat(Set.copyOf(taskIdsOfRuns())).hasSize(5);
        assertThat(provider.requests()).hasSize(5);
    }
}
