package dev.orbitar.promptlab.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void dataLivesUnderDataDir() {
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir)) {
            assertThat(embedded.dataDirectory()).isEqualTo(dataDir.resolve("postgres").toAbsolutePath());
            assertThat(Files.isRegularFile(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        }
    }

    @Test
    void folderInUseRejected() {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir).close())
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("no other worker uses it");
        }
    }

    @Test
    void dataSurvivesRestart() throws SQLException {
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir)) {
            execute(embedded.settings(), "CREATE TABLE kept (note TEXT); INSERT INTO kept VALUES ('still here')");
        }

        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir);
                Connection connection = connect(embedded.settings());
                ResultSet row = connection.createStatement().executeQuery("SELECT note FROM kept")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void workerRunsOnIt() {
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir);
                Database database = Database.open(embedded.settings())) {
            int applied = new Migrations(database).migrate();
            boolean loaded = new DemoData(database).loadOnce();

            assertThat(applied).isEqualTo(4);
            assertThat(loaded).isTrue();
        }
    }

    @Test
    void settingsNameNoPassword() {
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir)) {
            DatabaseSettings settings = embedded.settings();

            assertThat(settings.jdbcUrl()).startsWith("jdbc:postgresql://localhost:");
            assertThat(settings.password()).isNull();
            assertThat(settings.schema()).isEqualTo("public");
        }
    }

    private static void execute(DatabaseSettings settings, String sql) throws SQLException {
        try (Connection connection = connect(settings)) {
            connection.createStatement().execute(sql);
        }
    }

    private static Connection connect(DatabaseSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.username(), null);
    }
}
