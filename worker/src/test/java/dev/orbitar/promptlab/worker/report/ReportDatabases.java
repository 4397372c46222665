package dev.orbitar.promptlab.worker.report;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server with two Lab databases for the report tests: {@code seeded} contains the runs of
 * {@code report/seed.sql}, and {@code empty} contains only the tables. Both have the application's Prisma tables in
 * {@code public} and the worker's schema, made by its own migrations, in {@code prompt_lab}.
 */
public final class ReportDatabases implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private ReportDatabases(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static ReportDatabases start() throws IOException, SQLException {
        ReportDatabases databases = new ReportDatabases(EmbeddedPostgres.builder().start());
        databases.create("seeded", "report/seed.sql");
        databases.create("empty");
        return databases;
    }

    public ReportDatabase seeded() {
        return ReportDatabase.of(postgres.getDatabase("postgres", "seeded"), "public", "prompt_lab");
    }

    public ReportDatabase empty() {
        return ReportDatabase.of(postgres.getDatabase("postgres", "empty"), "public", "prompt_lab");
    }

    /** Creates a database with the application's tables, then the worker's schema from its real migrations. */
    private void create(String name, String... scripts) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }

        DataSource database = postgres.getDatabase("postgres", name);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(resource("prisma/application-schema.sql"));
        }
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://localhost:" + postgres.getPort() + "/"
                + name, "postgres", null, new Properties(), "public", 2, Duration.ofSeconds(10), name);
        try (Database worker = Database.open(settings, "prompt_lab")) {
            new Migrations(worker).migrate();
        }

        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String script : scripts) {
                statement.execute(resource(script));
            }
        }
    }

    private static String resource(String path) {
        try (InputStream in = ReportDatabases.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Test resource " + path + " not found on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
