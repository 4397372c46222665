package dev.orbitar.promptlab.worker.importing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server holding the application's tables, created from the Prisma schema fixture in the
 * {@code public} schema.
 */
public final class ApplicationDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private ApplicationDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static ApplicationDatabase start() throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        ApplicationDatabase database = new ApplicationDatabase(postgres);
        database.createTables("public");
        return database;
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    public DataSource dataSource(Map<String, String> driverProperties) {
        return postgres.getPostgresDatabase(new HashMap<>(driverProperties));
    }

    /** Creates the application's tables in the schema, creating the schema when it is not public. */
    public void createTables(String schema) throws IOException, SQLException {
        String tables;
        try (InputStream fixture = ApplicationDatabase.class.getResourceAsStream("/prisma/application-schema.sql")) {
            tables = new String(fixture.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            String quoted = "\"" + schema.replace("\"", "\"\"") + "\"";
            if (!schema.equals("public")) {
                statement.execute("CREATE SCHEMA " + quoted);
            }
            statement.execute("SET search_path TO " + quoted);
            statement.execute(tables);
        }
    }

    public void emptyTables() throws SQLException {
        execute("TRUNCATE \"LabScore\", \"LabRun\", \"PromptSample\", \"SyntheticTask\", \"RefineEvent\"");
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    public long count(String table) throws SQLException {
        return queryLong("SELECT count(*) FROM \"" + table + "\"");
    }

    public long queryLong(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Returns one column of the row with this id, as text. */
    public String column(String table, String column, String id) throws SQLException {
        String sql = "SELECT \"" + column + "\" FROM \"" + table + "\" WHERE \"id\" = ?";
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new AssertionError("No row with id " + id + " in " + table);
                }
                return result.getString(1);
            }
        }
    }

    /** Returns every row's text by id, for comparing whole imports. */
    public Map<String, String> textsById(String table, String textColumn) throws SQLException {
        Map<String, String> texts = new HashMap<>();
        String sql = "SELECT \"id\", \"" + textColumn + "\" FROM \"" + table + "\"";
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                texts.put(result.getString(1), result.getString(2));
            }
        }
        return texts;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
