package dev.orbitar.promptlab.worker.bench;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.picking.PostgresTaskPicker;
import dev.orbitar.promptlab.worker.picking.TaskClaimMapper;
import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.Migrations;
import dev.orbitar.promptlab.worker.store.TestPostgres;
import dev.orbitar.promptlab.worker.store.Transactions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures how long claiming 20 tasks takes with 1,000, 10,000 and 100,000 tasks in the application's tables,
 * side by side on one embedded PostgreSQL server. Not a unit test: it prints figures and asserts nothing.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -B -q -pl worker test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.orbitar.promptlab.worker.bench.ClaimBenchmark
 * </pre>
 * Optional arguments: rounds per size (default 40) and batch size (default 20).
 *
 * <p>Three figures per size: the first claim after the tasks were inserted (discovery starts from nothing), steady
 * rotation (every task registered and run once, each claimed batch finished before the next claim), and for
 * reference one anti-join of a whole task table against the registry, the full scan that discovery avoids.
 */
public final class ClaimBenchmark {

    private static final Duration LEASE = Duration.ofMinutes(30);

    private ClaimBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        // 10,000 sits between the two: from there on, each discovery walk reads a full slice, so cost stops growing.
        int[] sizes = {1_000, 10_000, 100_000};

        List<Subject> subjects = new ArrayList<>();
        for (int size : sizes) {
            subjects.add(Subject.create(size));
        }

        long[] firstClaim = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            firstClaim[i] = subjects.get(i).timeClaim("first", batchSize);
        }

        for (Subject subject : subjects) {
            subject.registerAndRunAll();
        }

        long[][] steady = new long[sizes.length][rounds];
        for (int round = 0; round < rounds; round++) {
            // Alternate the sizes so both see the same machine load.
            for (int i = 0; i < sizes.length; i++) {
                steady[i][round] = subjects.get(i).timeClaim("round-" + round, batchSize);
            }
        }

        long[] antiJoin = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            antiJoin[i] = subjects.get(i).timeAntiJoin();
        }

        System.out.printf("%nClaim %d tasks, %d rounds, %d cores, PostgreSQL embedded (zonky)%n", batchSize, rounds,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-40s", "");
        for (int size : sizes) {
            System.out.printf(" %15s", String.format("%,d tasks", size));
        }
        System.out.println();
        printRow("first claim after insert", firstClaim);
        printRow("steady rotation, median", column(steady, 0.5));
        printRow("steady rotation, 90th percentile", column(steady, 0.9));
        printRow("reference: full anti-join (not used)", antiJoin);

        for (Subject subject : subjects) {
            subject.database.close();
        }
        System.exit(0);
    }

    /** One database with a given number of tasks, half synthetic and half samples. */
    private static final class Subject {
        private final DatabaseSettings settings;
        private final Database database;
        private final PostgresTaskPicker picker;
        private final int size;

        private Subject(DatabaseSettings settings, Database database, int size) {
            this.settings = settings;
            this.database = database;
            this.picker = new PostgresTaskPicker(database);
            this.size = size;
        }

        static Subject create(int size) {
            DatabaseSettings settings = TestPostgres.newDatabase();
            Database database = Database.open(settings);
            new Migrations(database).migrate();
            int half = size / 2;
            TestPostgres.execute(settings, """
                    INSERT INTO "SyntheticTask" ("id", "category", "inputText", "tags")
                    SELECT 'cs' || lpad(i::text, 23, '0'), 'coding', 'benchmark task ' || i, '["bench"]'
                    FROM generate_series(1, %d) AS i;
                    INSERT INTO "PromptSample" ("id", "source", "category", "rawText", "plan")
                    SELECT 'cp' || lpad(i::text, 23, '0'), 'import', 'writing', 'benchmark sample ' || i, 'free'
                    FROM generate_series(1, %d) AS i;
                    ANALYZE;
                    """.formatted(half, size - half));
            return new Subject(settings, database, size);
        }

        /** Registers every task and gives each a last run time, as after one full rotation. */
        void registerAndRunAll() {
            TestPostgres.execute(settings, """
                    UPDATE prompt_lab.task_claim SET batch_id = NULL, claimed_at = NULL, lease_until = NULL;
                    INSERT INTO prompt_lab.task_claim (task_kind, task_id)
                    SELECT 'synthetic', "id" FROM "SyntheticTask" ON CONFLICT DO NOTHING;
                    INSERT INTO prompt_lab.task_claim (task_kind, task_id)
                    SELECT 'sample', "id" FROM "PromptSample" ON CONFLICT DO NOTHING;
                    UPDATE prompt_lab.task_claim
                    SET last_run_at = timezone('UTC', now()) - random() * interval '30 days', run_count = 1;
                    UPDATE prompt_lab.task_discovery SET tail_id = 'cz', sweep_id = '';
                    """);
            TestPostgres.execute(settings, "VACUUM ANALYZE prompt_lab.task_claim");
        }

        /** Claims one batch, returns the claim's wall time in nanoseconds, then finishes the batch untimed. */
        long timeClaim(String batchId, int batchSize) {
            long start = System.nanoTime();
            List<LabTask> tasks = picker.claim(size + "-" + batchId, batchSize, LEASE);
            long elapsed = System.nanoTime() - start;

            if (tasks.size() != batchSize) {
                throw new IllegalStateException("Claimed " + tasks.size() + " of " + batchSize + " tasks");
            }
            Transactions.inTransaction(database, session -> {
                TaskClaimMapper mapper = session.getMapper(TaskClaimMapper.class);
                tasks.forEach(task -> mapper.finish(task.kind(), task.id(), size + "-" + batchId));
                return null;
            });
            return elapsed;
        }

        long timeAntiJoin() throws SQLException {
            try (Connection connection = TestPostgres.connect(settings)) {
                long start = System.nanoTime();
                try (ResultSet rows = connection.createStatement().executeQuery("""
                        SELECT count(*) FROM "SyntheticTask" t
                        WHERE NOT EXISTS (SELECT 1 FROM prompt_lab.task_claim c
                                          WHERE c.task_kind = 'synthetic' AND c.task_id = t."id")
                        """)) {
                    rows.next();
                }
                return System.nanoTime() - start;
            }
        }
    }

    private static long[] column(long[][] timesBySize, double fraction) {
        long[] values = new long[timesBySize.length];
        for (int i = 0; i < timesBySize.length; i++) {
            values[i] = percentile(timesBySize[i], fraction);
        }
        return values;
    }

    private static void printRow(String label, long[] nanosBySize) {
        System.out.printf("%-40s", label);
        for (long nanos : nanosBySize) {
            System.out.printf(" %12.2f ms", ms(nanos));
        }
        System.out.println();
    }

    private static long percentile(long[] values, double fraction) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
