package dev.orbitar.promptlab.worker.e2e;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.store.Ids;
import dev.orbitar.promptlab.worker.store.SchemaSnapshot;
import dev.orbitar.promptlab.worker.store.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One test database on the shared embedded PostgreSQL server, reached by the worker through a Prisma-form
 * DATABASE_URL and by the test through plain JDBC.
 */
final class AppDatabase {

    /** The password in every DATABASE_URL. The embedded server trusts local connections, so it is never checked. */
    static final String PASSWORD = "pw-e2e-Secret-4711";

    static final List<String> APP_TABLES = List.of("SyntheticTask", "PromptSample", "LabRun", "LabScore");
    static final List<String> WORKER_TABLES = List.of("batch", "task_claim", "task_discovery", "batch_run",
            "run_usage", "milestone");
    static final String WORKER_SCHEMA = "prompt_lab";

    private final DatabaseSettings settings;

    private AppDatabase(DatabaseSettings settings) {
        this.settings = settings;
    }

    /** Creates a database holding the application's tables as its Prisma migration creates them. */
    static AppDatabase withApplicationTables() {
        return new AppDatabase(TestPostgres.newApplicationDatabase());
    }

    /** Creates an empty database. */
    static AppDatabase empty() {
        return new AppDatabase(TestPostgres.newDatabase());
    }

    /** Returns the Prisma-form URL, such as {@code postgresql://postgres:PASSWORD@localhost:5432/test_1}. */
    String prismaUrl() {
        String hostAndDatabase = settings.jdbcUrl().substring("jdbc:postgresql://".length());
        return "postgresql://postgres:" + PASSWORD + "@" + hostAndDatabase;
    }

    /** Inserts a SyntheticTask and returns its id. */
    String insertSynthetic(String category, String inputText) throws SQLException {
        String id = Ids.next();
        update("INSERT INTO \"SyntheticTask\" (\"id\", \"category\", \"inputText\", \"difficulty\", \"tags\")"
                + " VALUES (?, ?, ?, 'medium', '[\"e2e\"]')", id, category, inputText);
        return id;
    }

    /** Inserts a PromptSample with the template production used (both may be null) and returns its id. */
    String insertSample(String category, String rawText, String templateSlug, String templateVersion)
            throws SQLException {
        String id = Ids.next();
        update("INSERT INTO \"PromptSample\" (\"id\", \"source\", \"category\", \"rawText\", \"plan\","
                + " \"templateSlug\", \"templateVersion\") VALUES (?, 'internal', ?, ?, 'free', ?, ?)",
                id, category, rawText, templateSlug, templateVersion);
        return id;
    }

    /** Runs one statement with positional parameters and returns the number of rows it changed. */
    int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = TestPostgres.connect(settings);
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Returns every row of a query, each as column label to value, in the query's order. */
    List<Map<String, Object>> rows(String sql, Object... parameters) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = TestPostgres.connect(settings);
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet result = statement.executeQuery()) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.put(columns.getColumnLabel(i), result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Returns the first column of every row of a query. */
    List<Object> column(String sql, Object... parameters) throws SQLException {
        return rows(sql, parameters).stream().map(row -> row.values().iterator().next()).toList();
    }

    /** Returns the single number a query selects. */
    long number(String sql, Object... parameters) throws SQLException {
        return ((Number) column(sql, parameters).get(0)).longValue();
    }

    /** Returns the number of rows of an application table such as LabRun. */
    long count(String appTable) throws SQLException {
        return number("SELECT count(*) FROM \"" + appTable + "\"");
    }

    /** Returns the number of rows of every application and worker table, by table; a missing table counts -1. */
    Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : APP_TABLES) {
            counts.put(table, count(table));
        }
        boolean workerSchemaExists = number("SELECT count(*) FROM pg_namespace WHERE nspname = ?", WORKER_SCHEMA) > 0;
        for (String table : WORKER_TABLES) {
            counts.put(WORKER_SCHEMA + "." + table, workerSchemaExists
                    ? number("SELECT count(*) FROM " + WORKER_SCHEMA + "." + table) : -1L);
        }
        return counts;
    }

    /** Describes the application's tables in {@code public}: columns, constraints, indexes and triggers. */
    List<String> applicationSchema() throws SQLException {
        List<String> tables = new ArrayList<>(APP_TABLES);
        tables.add("RefineEvent");
        return SchemaSnapshot.of(settings, "public", tables);
    }

    /** Names every relation in {@code public}, so that a table or index the worker added would show. */
    List<String> publicRelations() throws SQLException {
        return SchemaSnapshot.relations(settings, "public");
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
