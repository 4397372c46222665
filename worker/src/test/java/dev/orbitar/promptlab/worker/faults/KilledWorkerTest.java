package dev.orbitar.promptlab.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orbitar.promptlab.worker.faults.FaultDatabase.RunRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker killed with SIGKILL in the middle of a batch: its leases hold until they expire, then a later batch
 * closes out its pending runs as {@code abandoned} and runs its tasks again.
 */
@Timeout(180)
class KilledWorkerTest {

    // The shortest lease the worker accepts.
    private static final int LEASE_SECONDS = 30;
    private static final int TASKS = 8;
    private static final int KILLED_LIMIT = 6;
    private static final int CONCURRENCY = 3;

    @TempDir
    Path dir;

    @Test
    void killedBatchTasksRunAgain() {
        FaultDatabase database = SharedLabServer.newDatabase();
        Set<String> tasks = Set.copyOf(database.addSyntheticTasks(TASKS));

        try (FakeOpenRouter hanging = new FakeOpenRouter(); FakeOpenRouter responsive = new FakeOpenRouter()) {
            hanging.holdResponses();
            WorkerProcess killed = WorkerProcess.start(settings(database, hanging)
                    .set("LAB_BATCH_LIMIT", KILLED_LIMIT), dir);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> database.runs("pending").size() == CONCURRENCY);
            String killedBatch = database.batchIds().get(0);
            List<String> killedClaims = database.claimedBy(killedBatch);

            killed.kill();

            assertThat(killedClaims).hasSize(KILLED_LIMIT);
            assertThat(database.runs("pending")).hasSize(CONCURRENCY);
            assertNoDoneRunWithoutScore(database);

            // While the killed batch's leases hold, a batch runs only the tasks it never claimed.
            WorkerProcess during = WorkerProcess.start(settings(database, responsive).set("LAB_BATCH_LIMIT", TASKS),
                    dir);
            assertThat(during.waitForExit(Duration.ofSeconds(60))).isZero();
            String duringBatch = database.batchIds().get(1);
            assertThat(taskIdsOf(database, duringBatch)).doesNotContainAnyElementsOf(killedClaims);
            assertThat(taskIdsOf(database, duringBatch)).hasSize(TASKS - KILLED_LIMIT);
            assertThat(database.runs("pending")).hasSize(CONCURRENCY);

            await().atMost(Duration.ofSeconds(LEASE_SECONDS + 30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> database.leasedBy(killedBatch).isEmpty());
            WorkerProcess after = WorkerProcess.start(settings(database, responsive).set("LAB_BATCH_LIMIT", TASKS),
                    dir);
            assertThat(after.waitForExit(Duration.ofSeconds(60))).isZero();
            String afterBatch = database.batchIds().get(2);

            assertThat(taskIdsOf(database, afterBatch)).containsAll(killedClaims);
            for (WorkerProcess worker : List.of(killed, during, after)) {
                worker.assertNoSecretIn(FakeOpenRouter.API_KEY, SharedLabServer.password());
            }
        }

        List<RunRow> runs = database.runs();
        assertThat(runs).filteredOn(run -> run.status().equals("pending")).isEmpty();
        assertThat(runs).filteredOn(run -> run.batchId().equals(database.batchIds().get(0)))
                .allSatisfy(run -> assertThat(run.errorMessage()).isEqualTo("abandoned"));
        assertThat(runs).filteredOn(run -> run.status().equals("done")).extracting(RunRow::taskId)
                .containsAll(tasks);
        assertNoDoneRunWithoutScore(database);
        assertThat(database.batchStatus(database.batchIds().get(0))).isEqualTo("abandoned");
    }

    private static WorkerProcess.Settings settings(FaultDatabase database, FakeOpenRouter provider) {
        return new WorkerProcess.Settings(database, provider)
                .set("LAB_CONCURRENCY", CONCURRENCY)
                .set("LAB_LEASE_SECONDS", LEASE_SECONDS);
    }

    private static void assertNoDoneRunWithoutScore(FaultDatabase database) {
        assertThat(database.runs("done")).allSatisfy(run -> assertThat(run.scored())
                .as("run %s has a score", run.runId()).isTrue());
    }

    private static List<String> taskIdsOf(FaultDatabase database, String batchId) {
        return database.runs().stream().filter(run -> batchId.equals(run.batchId())).map(RunRow::taskId).toList();
    }
}
