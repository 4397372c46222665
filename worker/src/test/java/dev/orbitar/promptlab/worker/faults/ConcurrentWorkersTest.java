package dev.orbitar.promptlab.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.worker.faults.FaultDatabase.RunRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Four worker processes started together on one database share its tasks: each task runs once. */
@Timeout(180)
class ConcurrentWorkersTest {

    private static final int WORKERS = 4;
    private static final int BATCH_LIMIT = 50;

    @TempDir
    Path dir;

    @Test
    void fourWorkersRunEachTaskOnce() {
        FaultDatabase database = SharedLabServer.newDatabase();
        Set<String> tasks = new HashSet<>(database.addSyntheticTasks(100));
        tasks.addAll(database.addSamples(100));

        List<WorkerProcess> workers = new ArrayList<>();
        try (FakeOpenRouter provider = new FakeOpenRouter()) {
            // A short delay keeps every batch running while the others claim.
            provider.delayResponses(20);
            for (int i = 0; i < WORKERS; i++) {
                workers.add(WorkerProcess.start(new WorkerProcess.Settings(database, provider)
                        .set("LAB_BATCH_LIMIT", BATCH_LIMIT), dir));
            }
            for (WorkerProcess worker : workers) {
                assertThat(worker.waitForExit(Duration.ofSeconds(120))).isZero();
            }
        }

        List<RunRow> runs = database.runs();
        Map<String, Long> runsPerTask = runs.stream()
                .collect(Collectors.groupingBy(RunRow::taskId, Collectors.counting()));
        assertThat(runs).hasSize(WORKERS * BATCH_LIMIT);
        assertThat(runsPerTask.keySet()).isEqualTo(tasks);
        assertThat(runsPerTask).allSatisfy((task, count) -> assertThat(count).as("runs of task %s", task)
                .isEqualTo(1));
        assertThat(runs).allSatisfy(run -> assertThat(run.status()).isEqualTo("done"));
        assertThat(runs).allSatisfy(run -> assertThat(run.scored()).as("run %s scored", run.runId()).isTrue());
        assertThat(database.batchIds()).hasSize(WORKERS);
        for (WorkerProcess worker : workers) {
            worker.assertNoSecretIn(FakeOpenRouter.API_KEY, SharedLabServer.password());
        }
    }
}
