package dev.orbitar.promptlab.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.worker.faults.FaultDatabase.RunRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduler retries a worker whose batch failed (the provider ran out of credit): the retry belongs to the same
 * execution, so it runs the tasks the failed attempt did not finish and none of those it did.
 */
@Timeout(120)
class TaskAttemptRetryTest {

    private static final int TASKS = 8;
    private static final int LIMIT = 6;
    private static final int COMPLETIONS_BEFORE_REJECTION = 3;

    @TempDir
    Path dir;

    @Test
    void cloudRunRetrySkipsFinishedTasks() {
        Map<String, String> firstAttempt = Map.of(
                "CLOUD_RUN_JOB", "prompt-lab",
                "CLOUD_RUN_EXECUTION", "prompt-lab-x7k2p",
                "CLOUD_RUN_TASK_INDEX", "0",
                "CLOUD_RUN_TASK_COUNT", "1",
                "CLOUD_RUN_TASK_ATTEMPT", "0");
        Map<String, String> retry = Map.of(
                "CLOUD_RUN_JOB", "prompt-lab",
                "CLOUD_RUN_EXECUTION", "prompt-lab-x7k2p",
                "CLOUD_RUN_TASK_INDEX", "0",
                "CLOUD_RUN_TASK_COUNT", "1",
                "CLOUD_RUN_TASK_ATTEMPT", "1");

        runRetry(firstAttempt, retry);
    }

    @Test
    void kubernetesJobRetrySkipsFinishedTasks() {
        Map<String, String> firstPod = Map.of(
                "LAB_JOB_NAME", "lab-hourly-29000000",
                "LAB_POD_NAME", "lab-hourly-29000000-abcde",
                "LAB_POD_NAMESPACE", "lab");
        Map<String, String> replacementPod = Map.of(
                "LAB_JOB_NAME", "lab-hourly-29000000",
                "LAB_POD_NAME", "lab-hourly-29000000-fghij",
                "LAB_POD_NAMESPACE", "lab");

        FaultDatabase database = runRetry(firstPod, replacementPod);

        // The next scheduled Job is another execution: it runs tasks again by rotation, finished ones included.
        try (FakeOpenRouter provider = new FakeOpenRouter()) {
            WorkerProcess nextJob = start(database, provider, Map.of(
                    "LAB_JOB_NAME", "lab-hourly-29000060",
                    "LAB_POD_NAME", "lab-hourly-29000060-klmno",
                    "LAB_POD_NAMESPACE", "lab"));
            assertThat(nextJob.waitForExit(Duration.ofSeconds(60))).isZero();
        }
        String nextBatch = database.batchIds().get(2);
        assertThat(database.runs()).filteredOn(run -> nextBatch.equals(run.batchId())).hasSize(LIMIT);
    }

    /** Runs a first attempt that fails after three tasks, then its retry, and checks what each ran. */
    private FaultDatabase runRetry(Map<String, String> firstAttemptOrigin, Map<String, String> retryOrigin) {
        FaultDatabase database = SharedLabServer.newDatabase();
        Set<String> tasks = Set.copyOf(database.addSyntheticTasks(TASKS));

        WorkerProcess first;
        try (FakeOpenRouter creditRunsOut = new FakeOpenRouter()) {
            creditRunsOut.rejectAfter(COMPLETIONS_BEFORE_REJECTION);
            first = start(database, creditRunsOut, firstAttemptOrigin);
            assertThat(first.waitForExit(Duration.ofSeconds(60))).isEqualTo(1);
        }
        String firstBatch = database.batchIds().get(0);
        Set<String> finishedFirst = doneTasks(database, firstBatch);
        assertThat(finishedFirst).hasSize(COMPLETIONS_BEFORE_REJECTION);

        WorkerProcess second;
        try (FakeOpenRouter provider = new FakeOpenRouter()) {
            second = start(database, provider, retryOrigin);
            assertThat(second.waitForExit(Duration.ofSeconds(60))).isZero();
        }
        String retryBatch = database.batchIds().get(1);

        List<String> ranInRetry = database.runs().stream().filter(run -> retryBatch.equals(run.batchId()))
                .map(RunRow::taskId).toList();
        assertThat(ranInRetry).doesNotContainAnyElementsOf(finishedFirst);
        assertThat(ranInRetry).containsExactlyInAnyOrderElementsOf(
                tasks.stream().filter(task -> !finishedFirst.contains(task)).toList());
        assertThat(database.runs("done")).extracting(RunRow::taskId).containsExactlyInAnyOrderElementsOf(tasks);
        for (WorkerProcess worker : List.of(first, second)) {
            worker.assertNoSecretIn(FakeOpenRouter.API_KEY, SharedLabServer.password());
        }
        return database;
    }

    private WorkerProcess start(FaultDatabase database, FakeOpenRouter provider, Map<String, String> origin) {
        WorkerProcess.Settings settings = new WorkerProcess.Settings(database, provider)
                .set("LAB_BATCH_LIMIT", LIMIT)
                // One task at a time, so the first attempt finishes exactly the tasks the provider completed.
                .set("LAB_CONCURRENCY", 1);
        origin.forEach(settings::set);
        return WorkerProcess.start(settings, dir);
    }

    private static Set<String> doneTasks(FaultDatabase database, String batchId) {
        return database.runs("done").stream().filter(run -> batchId.equals(run.batchId())).map(RunRow::taskId)
                .collect(Collectors.toSet());
    }
}
