package dev.orbitar.promptlab.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports a prompt dataset through {@code import}, then runs consecutive batches through {@code run-batch}: every
 * batch takes prompts that have never run before any prompt runs twice.
 */
class RotationE2eTest {

    private static final String AWESOME_PROMPTS = "shared/data/awesome-chatgpt-prompts.csv";

    @TempDir
    Path dataDir;

    private AppDatabase database;
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void createDatabase() {
        // The application's tables with no synthetic tasks: every batch is filled with samples alone.
        database = AppDatabase.withApplicationTables();
        environment.put("DATABASE_URL", database.prismaUrl());
        environment.put("LAB_DATA_DIR", dataDir.toString());
        environment.put("LAB_LEASE_SECONDS", "3600");
    }

    /** Finds the shared dataset beside the work tree, whether tests run from the module or the project folder. */
    private static Path awesomePrompts() {
        return Stream.of("..", "../..", "../../..")
                .map(up -> Path.of(up).resolve(AWESOME_PROMPTS))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElse(null);
    }

    private static Path shippedPrompts() throws URISyntaxException {
        return Path.of(RotationE2eTest.class.getResource("/e2e/prompts.jsonl").toURI());
    }

    private void importFile(Path file) {
        LabCli.Result imported = LabCli.run(environment, "import", file.toString());

        assertThat(imported.exitCode()).isZero();
    }

    /** Runs one batch of {@code limit} and returns the ids of the samples its new runs refined. */
    private List<String> runBatch(int limit) throws Exception {
        Set<Object> runsBefore = Set.copyOf(database.column("SELECT \"id\" FROM \"LabRun\""));

        LabCli.Result batch = LabCli.run(environment, "run-batch", "--batch-limit", Integer.toString(limit));

        assertThat(batch.exitCode()).isZero();
        return database.rows("SELECT \"id\", \"promptSampleId\" FROM \"LabRun\"").stream()
                .filter(run -> !runsBefore.contains(run.get("id")))
                .map(run -> (String) run.get("promptSampleId"))
                .toList();
    }

    private void assertEveryDoneRunHasOneScore() throws Exception {
        long doneWithoutOneScore = database.number("""
                SELECT count(*) FROM "LabRun" r
                WHERE r."status" = 'done'
                  AND (SELECT count(*) FROM "LabScore" s WHERE s."labRunId" = r."id") <> 1
                """);

        assertThat(doneWithoutOneScore).isZero();
    }

    @Test
    void awesomePromptsRotate() throws Exception {
        Path csv = awesomePrompts();
        assumeTrue(csv != null, AWESOME_PROMPTS + " not found beside the project; skipping");
        importFile(csv);

        List<String> ran = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            List<String> batchRan = runBatch(50);
            assertThat(batchRan).hasSize(50);
            ran.addAll(batchRan);
        }

        assertThat(Set.copyOf(ran)).hasSize(150);
        assertThat(database.number("SELECT count(*) FROM \"LabRun\" WHERE \"status\" = 'done'")).isEqualTo(150);
        assertThat(database.count("LabScore")).isEqualTo(150);
        assertEveryDoneRunHasOneScore();
    }

    @Test
    void awesomePromptsAllImported() throws Exception {
        Path csv = awesomePrompts();
        assumeTrue(csv != null, AWESOME_PROMPTS + " not found beside the project; skipping");

        importFile(csv);

        assertThat(database.count("PromptSample")).isEqualTo(1476);
        assertThat(database.count("SyntheticTask")).isZero();
    }

    @Test
    void shippedPromptsRotate() throws Exception {
        importFile(shippedPrompts());
        assertThat(database.count("PromptSample")).isEqualTo(45);

        List<String> ran = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            List<String> batchRan = runBatch(12);
            assertThat(batchRan).hasSize(12);
            ran.addAll(batchRan);
        }

        assertThat(Set.copyOf(ran)).hasSize(36);
        assertThat(database.number("SELECT count(*) FROM \"LabRun\" WHERE \"status\" = 'done'")).isEqualTo(36);
        assertEveryDoneRunHasOneScore();
    }

    @Test
    void neverRunBeforeRerun() throws Exception {
        importFile(shippedPrompts());
        List<String> first = runBatch(20);
        List<String> second = runBatch(20);

        // 45 prompts: the third batch runs the 5 never run, then the 15 least recently run, all from the first.
        List<String> third = runBatch(20);

        Set<String> neverRunBefore = new HashSet<>(database.column("SELECT \"id\" FROM \"PromptSample\"").stream()
                .map(String.class::cast).toList());
        first.forEach(neverRunBefore::remove);
        second.forEach(neverRunBefore::remove);
        assertThat(neverRunBefore).hasSize(5);
        assertThat(third).containsAll(neverRunBefore);
        assertThat(first).containsAll(third.stream().filter(id -> !neverRunBefore.contains(id)).toList());
        assertThat(third).doesNotContainAnyElementsOf(second);
    }

    @Test
    void importTwiceAddsNothing() throws Exception {
        importFile(shippedPrompts());

        importFile(shippedPrompts());

        assertThat(database.count("PromptSample")).isEqualTo(45);
    }
}
