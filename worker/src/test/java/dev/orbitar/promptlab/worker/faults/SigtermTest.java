package dev.orbitar.promptlab.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.faults.FaultDatabase.RunRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of a batch whose provider hangs: the worker exits within its grace period, marks the
 * unfinished runs {@code interrupted}, releases its leases, logs the summary and writes the termination message.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(120)
class SigtermTest {

    private static final int GRACE_SECONDS = 3;
    private static final int TASKS = 8;
    private static final int LIMIT = 6;
    private static final int CONCURRENCY = 3;
    // JVM shutdown after the grace period: the cut-short actions and the exit itself.
    private static final Duration EXIT_ALLOWANCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void sigtermMarksRunsAndReleasesLeases() throws IOException {
        FaultDatabase database = SharedLabServer.newDatabase();
        database.addSyntheticTasks(TASKS);
        Path terminationLog = Files.createFile(dir.resolve("termination-log"));

        try (FakeOpenRouter hanging = new FakeOpenRouter(); FakeOpenRouter responsive = new FakeOpenRouter()) {
            hanging.holdResponses();
            WorkerProcess stopped = WorkerProcess.start(new WorkerProcess.Settings(database, hanging)
                    .set("LAB_BATCH_LIMIT", LIMIT)
                    .set("LAB_CONCURRENCY", CONCURRENCY)
                    .set("LAB_SHUTDOWN_GRACE_SECONDS", GRACE_SECONDS)
                    .set("LAB_TERMINATION_MESSAGE_PATH", terminationLog.toString()), dir);
            await().atMost(Duration.ofSeconds(60)).until(() -> database.runs("pending").size() == CONCURRENCY);
            String batchId = database.batchIds().get(0);
            List<String> claimed = database.claimedBy(batchId);

            stopped.terminate();
            int exitCode = stopped.waitForExit(EXIT_ALLOWANCE.plusSeconds(GRACE_SECONDS));

            assertThat(exitCode).isNotZero();
            assertThat(database.runs("pending")).isEmpty();
            assertThat(database.runs()).allSatisfy(run -> assertThat(run.errorMessage()).isEqualTo("interrupted"));
            assertThat(database.claimedBy(batchId)).isEmpty();
            assertThat(stopped.lines()).anyMatch(line -> line.contains("[PromptLabCron]") && line.contains(batchId)
                    && line.contains("runsCreated"));
            JsonNode message = new ObjectMapper().readTree(terminationLog.toFile());
            assertThat(message.path("batchId").asText()).isEqualTo(batchId);
            assertThat(message.path("status").asText()).isEqualTo("stopped");
            assertThat(Files.readString(terminationLog)).doesNotContain(SharedLabServer.password());
            assertThat(Files.readString(terminationLog)).doesNotContain(FakeOpenRouter.API_KEY);

            // The released tasks are picked at once, with the default lease of 15 minutes still far off.
            WorkerProcess next = WorkerProcess.start(new WorkerProcess.Settings(database, responsive)
                    .set("LAB_BATCH_LIMIT", LIMIT), dir);
            assertThat(next.waitForExit(Duration.ofSeconds(60))).isZero();
            String nextBatch = database.batchIds().get(1);
            assertThat(database.runs()).filteredOn(run -> nextBatch.equals(run.batchId()))
                    .extracting(RunRow::taskId).containsExactlyInAnyOrderElementsOf(claimed);
            for (WorkerProcess worker : List.of(stopped, next)) {
                worker.assertNoSecretIn(FakeOpenRouter.API_KEY, SharedLabServer.password());
            }
        }

        assertThat(database.batchStatus(database.batchIds().get(0))).isEqualTo("stopped");
    }
}
