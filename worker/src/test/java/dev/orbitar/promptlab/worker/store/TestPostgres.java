package dev.orbitar.promptlab.worker.store;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL server per test JVM, and a fresh database on it for each test that requests one.
 * The server stops with the JVM.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** Creates an empty database and returns settings for it, with the application's tables in {@code appSchema}. */
    public static DatabaseSettings newDatabase(String appSchema) {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        String jdbcUrl = "jdbc:postgresql://localhost:" + server().getPort() + "/" + name;
        return new DatabaseSettings(jdbcUrl, "postgres", null, new Properties(), appSchema, 10,
                Duration.ofSeconds(30), "postgresql://localhost:" + server().getPort() + "/" + name);
    }

    /** Creates an empty database with the application's tables in {@code public}. */
    public static DatabaseSettings newDatabase() {
        return newDatabase("public");
    }

    /** Creates a database holding the application's tables exactly as its Prisma migration makes them. */
    public static DatabaseSettings newApplicationDatabase() {
        DatabaseSettings settings = newDatabase();
        execute(settings, applicationSchemaSql());
        return settings;
    }

    /** Opens a plain JDBC connection (auto-commit on), for setting up rows and reading them back. */
    public static Connection connect(DatabaseSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.username(), null);
    }

    /** Runs SQL text, one statement or several separated by semicolons. */
    public static void execute(DatabaseSettings settings, String sql) {
        try (Connection connection = connect(settings); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    /** Returns the application's schema SQL, from the test fixture. */
    public static String applicationSchemaSql() {
        try (InputStream in = TestPostgres.class.getResourceAsStream("/prisma/application-schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
        }
        return server;
    }
}
