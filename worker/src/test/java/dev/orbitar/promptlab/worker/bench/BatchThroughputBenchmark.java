package dev.orbitar.promptlab.worker.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.orbitar.promptlab.worker.cli.PromptLabCommand;
import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.store.Ids;
import dev.orbitar.promptlab.worker.store.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Measures tasks per second of one {@code run-batch} of 500 tasks with the offline engine on embedded PostgreSQL, at
 * several LAB_CONCURRENCY levels side by side. Not a unit test: run it by hand and read the figures.
 *
 * <pre>
 * ./mvnw -B -q -pl worker test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.orbitar.promptlab.worker.bench.BatchThroughputBenchmark
 * </pre>
 *
 * Arguments (all optional): tasks (500), rounds (5), then the concurrency levels (1 4).
 *
 * <p>Each round runs every level once, in alternating order, each on a new database seeded with half synthetic
 * tasks and half samples. The batch goes through {@link PromptLabCommand#execute} with a Prisma-form DATABASE_URL,
 * as {@code java -jar} runs it. Two times are taken: the batch's own time (started_at to finished_at in the worker's
 * batch table: claiming, refining, scoring and writing) and the command's wall time, which adds connecting and
 * checking the migrations. One round per level is run first as a warm-up and not counted. Log output is turned
 * down to warnings, so the figures leave out the cost of writing 500 task lines to a console.
 */
public final class BatchThroughputBenchmark {

    private static final List<String> CATEGORIES = List.of("coding", "writing", "planning", "research", "creative",
            "communication", "general");
    private static final List<String> REQUESTS = List.of(
            "write a function that merges two sorted lists of invoices by due date",
            "blog post about why our team moved standups to the afternoon, 600 words",
            "plan the migration of the billing database to a managed service over two sprints",
            "summarise what is known about the effect of noise on open-plan office productivity",
            "a short story about a clockmaker who repairs time itself, for ten year olds",
            "email to customers announcing the price change from March, friendly tone",
            "explain how to choose a mortgage term, with a small comparison table");

    private BatchThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Integer> levels = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            levels.add(Integer.parseInt(args[i]));
        }
        if (levels.isEmpty()) {
            levels = List.of(1, 4);
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Path dataDir = Files.createTempDirectory("batch-bench");

        System.out.printf(Locale.ROOT, "run-batch, offline engine, embedded PostgreSQL: %d tasks per batch, %d rounds"
                + " (after 1 warm-up), %d cores, Java %s%n", tasks, rounds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        for (int level : levels) {
            measure(tasks, level, dataDir);
        }

        Map<Integer, List<Timing>> timings = new LinkedHashMap<>();
        levels.forEach(level -> timings.put(level, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            List<Integer> order = new ArrayList<>(levels);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (int level : order) {
                Timing timing = measure(tasks, level, dataDir);
                timings.get(level).add(timing);
                System.out.printf(Locale.ROOT, "round %d concurrency %d: batch %.3f s, command %.3f s%n", round + 1,
                        level, timing.batchSeconds(), timing.wallSeconds());
            }
        }

        System.out.printf(Locale.ROOT, "%n%-11s %-14s %-14s %-16s %-16s%n", "concurrency", "batch_s_median",
                "tasks_per_s", "command_s_median", "tasks_per_s_cmd");
        for (Map.Entry<Integer, List<Timing>> entry : timings.entrySet()) {
            double batch = median(entry.getValue().stream().map(Timing::batchSeconds).toList());
            double wall = median(entry.getValue().stream().map(Timing::wallSeconds).toList());
            System.out.printf(Locale.ROOT, "%-11d %-14.3f %-14.1f %-16.3f %-16.1f%n", entry.getKey(), batch,
                    tasks / batch, wall, tasks / wall);
        }
        System.exit(0);
    }

    /** The two times of one batch, in seconds. */
    private record Timing(double batchSeconds, double wallSeconds) {
    }

    private static Timing measure(int tasks, int concurrency, Path dataDir) throws SQLException {
        DatabaseSettings database = TestPostgres.newApplicationDatabase();
        seed(database, tasks);
        String url = "postgresql://postgres@" + database.jdbcUrl().substring("jdbc:postgresql://".length());
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", url);
        environment.put("LAB_DATA_DIR", dataDir.toString());
        environment.put("LAB_LEASE_SECONDS", "3600");
        environment.put("LAB_BATCH_LIMIT", Integer.toString(tasks));
        environment.put("LAB_MAX_SAFE", Integer.toString(tasks));
        environment.put("LAB_CONCURRENCY", Integer.toString(concurrency));

        long started = System.nanoTime();
        int exitCode = PromptLabCommand.execute(new String[] {"run-batch"}, environment);
        double wallSeconds = (System.nanoTime() - started) / 1e9;

        if (exitCode != 0) {
            throw new IllegalStateException("run-batch exited with " + exitCode);
        }
        try (Connection connection = TestPostgres.connect(database);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("""
                        SELECT extract(epoch FROM finished_at - started_at),
                               (SELECT count(*) FROM "LabRun" WHERE "status" = 'done')
                        FROM prompt_lab.batch
                        """)) {
            row.next();
            if (row.getLong(2) != tasks) {
                throw new IllegalStateException("Expected " + tasks + " done runs, found " + row.getLong(2));
            }
            return new Timing(row.getDouble(1), wallSeconds);
        }
    }

    private static void seed(DatabaseSettings database, int tasks) throws SQLException {
        try (Connection connection = TestPostgres.connect(database);
                PreparedStatement synthetic = connection.prepareStatement("INSERT INTO \"SyntheticTask\""
                        + " (\"id\", \"category\", \"inputText\") VALUES (?, ?, ?)");
                PreparedStatement sample = connection.prepareStatement("INSERT INTO \"PromptSample\""
                        + " (\"id\", \"source\", \"category\", \"rawText\", \"plan\") VALUES (?, 'bench', ?, ?, 'free')")) {
            for (int i = 0; i < tasks; i++) {
                PreparedStatement insert = i % 2 == 0 ? synthetic : sample;
                int variant = i % REQUESTS.size();
                insert.setString(1, Ids.next());
                insert.setString(2, CATEGORIES.get(variant));
                insert.setString(3, REQUESTS.get(variant) + " (case " + i + ")");
                insert.addBatch();
            }
            synthetic.executeBatch();
            sample.executeBatch();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
