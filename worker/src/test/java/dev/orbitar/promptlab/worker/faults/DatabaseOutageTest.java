package dev.orbitar.promptlab.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orbitar.promptlab.worker.faults.FaultDatabase.RunRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database server stops in the middle of a batch and starts again a few seconds later on the same port and
 * data: the worker retries its database work and finishes the batch, and nothing is half written.
 */
@Timeout(180)
class DatabaseOutageTest {

    private static final int TASKS = 20;
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    @TempDir
    Path dir;

    private LabServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void batchOutlivesShortOutage() throws InterruptedException {
        server = LabServer.start(dir);
        FaultDatabase database = server.newDatabase();
        database.migrate();
        Set<String> tasks = Set.copyOf(database.addSyntheticTasks(TASKS));

        try (FakeOpenRouter provider = new FakeOpenRouter()) {
            provider.delayResponses(300);
            WorkerProcess worker = WorkerProcess.start(new WorkerProcess.Settings(database, provider)
                    .set("LAB_BATCH_LIMIT", TASKS)
                    .set("LAB_CONCURRENCY", 2), dir);
            await().atMost(Duration.ofSeconds(60)).until(() -> database.runs("done").size() >= 4);

            server.stop();
            // The outage itself: the worker's calls to the provider go on, its writes cannot.
            Thread.sleep(OUTAGE.toMillis());
            server.restart();

            int exitCode = worker.waitForExit(Duration.ofSeconds(120));
            assertThat(exitCode).isZero();
            worker.assertNoSecretIn(FakeOpenRouter.API_KEY, server.password());
        }

        List<RunRow> runs = database.runs();
        assertThat(runs).filteredOn(run -> run.status().equals("pending")).isEmpty();
        assertThat(runs).filteredOn(run -> run.status().equals("done")).extracting(RunRow::taskId)
                .containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(runs).filteredOn(run -> run.status().equals("done"))
                .allSatisfy(run -> assertThat(run.scored()).as("run %s has a score", run.runId()).isTrue());
        assertThat(database.column("SELECT task_id FROM prompt_lab.task_claim WHERE batch_id IS NOT NULL"))
                .as("claims still held").isEmpty();
        assertThat(database.column("SELECT run_id FROM prompt_lab.batch_run WHERE finished_at IS NULL"))
                .as("runs never finished in the worker's bookkeeping").isEmpty();
        assertThat(database.column("SELECT task_id FROM prompt_lab.task_claim WHERE run_count <> 1"))
                .as("tasks not counted as run once").isEmpty();
        assertThat(database.batchStatus(database.batchIds().get(0))).isEqualTo("completed");
    }
}
