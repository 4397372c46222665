package dev.orbitar.promptlab.worker.faults;

import dev.orbitar.promptlab.worker.settings.DatabaseUrlParser;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.Ids;
import dev.orbitar.promptlab.worker.store.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** One database on a {@link LabServer}: the URL the workers get, its tasks, and the rows the workers wrote. */
final class FaultDatabase {

    /** One LabRun with its task, the batch that made it, and whether it has a LabScore. */
    record RunRow(String runId, String taskId, String status, String errorMessage, String batchId, boolean scored) {
    }

    private static final String RUNS = """
            SELECT r."id", COALESCE(r."syntheticTaskId", r."promptSampleId") AS task_id, r."status",
                   r."errorMessage", br.batch_id,
                   EXISTS (SELECT 1 FROM "LabScore" s WHERE s."labRunId" = r."id") AS scored
            FROM "LabRun" r
            LEFT JOIN prompt_lab.batch_run br ON br.run_id = r."id"
            ORDER BY r."createdAt", r."id"
            """;

    private final LabServer server;
    private final String name;

    FaultDatabase(LabServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Returns the DATABASE_URL for the workers: the password role, and a short connect timeout. */
    String workerUrl() {
        return "postgresql://" + LabServer.WORKER_ROLE + ":" + server.password() + "@127.0.0.1:" + server.port()
                + "/" + name + "?connect_timeout=3";
    }

    /** Creates the application's tables and the worker's schema, as the workers' role. */
    void migrate() {
        try (Database database = Database.open(DatabaseUrlParser.parse(workerUrl(), 1))) {
            new Migrations(database).migrate();
        }
    }

    /** Inserts synthetic tasks and returns their ids. */
    List<String> addSyntheticTasks(int count) {
        return insertTasks(count, "INSERT INTO \"SyntheticTask\" (\"id\", \"category\", \"inputText\")"
                + " VALUES (?, 'coding', ?)");
    }

    /** Inserts prompt samples and returns their ids. */
    List<String> addSamples(int count) {
        return insertTasks(count, "INSERT INTO \"PromptSample\" (\"id\", \"source\", \"category\", \"rawText\","
                + " \"plan\") VALUES (?, 'internal', 'writing', ?, 'free')");
    }

    /** Returns every LabRun, oldest first. */
    List<RunRow> runs() {
        List<RunRow> rows = new ArrayList<>();
        try (Connection connection = server.connect(name);
                PreparedStatement statement = connection.prepareStatement(RUNS);
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new RunRow(result.getString(1), result.getString(2), result.getString(3),
                        result.getString(4), result.getString(5), result.getBoolean(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read LabRun: " + e.getMessage(), e);
        }
        return rows;
    }

    /** Returns the runs in one status. */
    List<RunRow> runs(String status) {
        return runs().stream().filter(run -> run.status().equals(status)).toList();
    }

    /** Returns the first column of every row of a query, as text. */
    List<String> column(String sql, Object... parameters) {
        List<String> values = new ArrayList<>();
        try (Connection connection = server.connect(name);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + e.getMessage(), e);
        }
        return values;
    }

    /** Returns the ids of the tasks whose lease a batch holds now, by the database's clock. */
    List<String> leasedBy(String batchId) {
        return column("SELECT task_id FROM prompt_lab.task_claim WHERE batch_id = ?"
                + " AND lease_until > timezone('UTC', now()) ORDER BY task_id", batchId);
    }

    /** Returns the ids of the tasks claimed by a batch, whether its lease expired or not. */
    List<String> claimedBy(String batchId) {
        return column("SELECT task_id FROM prompt_lab.task_claim WHERE batch_id = ? ORDER BY task_id", batchId);
    }

    /** Returns the ids of the batches, oldest first. */
    List<String> batchIds() {
        return column("SELECT id FROM prompt_lab.batch ORDER BY started_at, id");
    }

    /** Returns a batch's status. */
    String batchStatus(String batchId) {
        return column("SELECT status FROM prompt_lab.batch WHERE id = ?", batchId).get(0);
    }

    private List<String> insertTasks(int count, String sql) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = server.connect(name);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < count; i++) {
                String id = Ids.next();
                ids.add(id);
                statement.setString(1, id);
                statement.setString(2, "Add a settings page option number " + i + " that lets a user pick a"
                        + " theme, and store the choice per account.");
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot insert tasks: " + e.getMessage(), e);
        }
        return ids;
    }
}
