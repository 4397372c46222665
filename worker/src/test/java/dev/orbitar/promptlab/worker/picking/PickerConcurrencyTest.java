package dev.orbitar.promptlab.worker.picking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.Migrations;
import dev.orbitar.promptlab.worker.store.TestPostgres;
import dev.orbitar.promptlab.worker.store.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several pickers at once, each with its own pool, as separate worker processes would be. */
class PickerConcurrencyTest {

    private static final Duration LEASE = Duration.ofMinutes(30);
    private static final int PICKERS = 4;

    private DatabaseSettings settings;
    private final List<Database> databases = new ArrayList<>();
    private final List<PostgresTaskPicker> pickers = new ArrayList<>();
    private ExecutorService executor;

    @BeforeEach
    void setUp() {
        settings = TestPostgres.newDatabase();
        for (int i = 0; i < PICKERS; i++) {
            Database database = Database.open(settings);
            databases.add(database);
            pickers.add(new PostgresTaskPicker(database));
        }
        new Migrations(databases.get(0)).migrate();
        executor = Executors.newFixedThreadPool(PICKERS);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        databases.forEach(Database::close);
    }

    @Test
    void pickersDrainTasksWithoutOverlap() throws Exception {
        TaskRows.synthetic(settings, 150);
        TaskRows.samples(settings, 150);
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());

        runAll(picker -> {
            for (int round = 0; ; round++) {
                List<LabTask> tasks = pickers.get(picker).claim("batch-" + picker + "-" + round, 7, LEASE);
                if (tasks.isEmpty()) {
                    return;
                }
                tasks.forEach(task -> claimed.add(task.id()));
            }
        });

        assertThat(claimed).hasSize(300);
        assertThat(claimed).doesNotHaveDuplicates();
    }

    @Test
    void pickersRaceForUnregisteredTasks() throws Exception {
        // Each round adds tasks no picker has seen, then starts all pickers together, so they race to register
        // and claim the same never-run tasks.
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        int rounds = 15;
        for (int round = 0; round < rounds; round++) {
            TaskRows.synthetic(settings, 10);
            TaskRows.samples(settings, 10);
            CyclicBarrier start = new CyclicBarrier(PICKERS);
            int thisRound = round;

            runAll(picker -> {
                start.await();
                pickers.get(picker).claim("batch-" + picker + "-" + thisRound, 5, LEASE)
                        .forEach(task -> claimed.add(task.id()));
            });
        }

        assertThat(claimed).hasSize(rounds * 20);
        assertThat(claimed).doesNotHaveDuplicates();
    }

    @Test
    void pickersRotateWithoutHoldingSameTask() throws Exception {
        // Pickers claim, finish and claim again over a small pool, so tasks keep coming back into play. A task must
        // never be held by two batches at once.
        TaskRows.synthetic(settings, 12);
        TaskRows.samples(settings, 12);
        Map<String, String> holders = new ConcurrentHashMap<>();
        List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());

        runAll(picker -> {
            for (int round = 0; round < 40; round++) {
                String batchId = "batch-" + picker + "-" + round;
                List<LabTask> tasks = pickers.get(picker).claim(batchId, 4, LEASE);
                for (LabTask task : tasks) {
                    claimed.add(task.id());
                    String other = holders.putIfAbsent(task.id(), batchId);
                    if (other != null) {
                        overlaps.add(task.id() + " held by " + other + " and " + batchId);
                    }
                }
                for (LabTask task : tasks) {
                    holders.remove(task.id(), batchId);
                }
                finish(databases.get(picker), batchId, tasks);
            }
        });

        assertThat(claimed).isNotEmpty();
        assertThat(overlaps).isEmpty();
    }

    private interface PickerWork {
        void run(int picker) throws Exception;
    }

    private void runAll(PickerWork work) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < PICKERS; i++) {
            int picker = i;
            futures.add(executor.submit(() -> {
                work.run(picker);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }

    private static void finish(Database database, String batchId, List<LabTask> tasks) {
        Transactions.inTransaction(database, session -> {
            TaskClaimMapper mapper = session.getMapper(TaskClaimMapper.class);
            tasks.forEach(task -> mapper.finish(task.kind(), task.id(), batchId));
            return null;
        });
    }
}
