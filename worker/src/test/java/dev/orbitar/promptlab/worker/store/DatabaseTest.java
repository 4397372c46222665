package dev.orbitar.promptlab.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import dev.orbitar.promptlab.worker.settings.Secret;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void sessionZoneIsUtc() throws SQLException {
        try (Database database = Database.open(TestPostgres.newDatabase());
                Connection connection = database.dataSource().getConnection();
                ResultSet row = connection.createStatement().executeQuery("SHOW TimeZone")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("UTC");
        }
    }

    @Test
    void blankSchemaMeansPublic() {
        DatabaseSettings settings = TestPostgres.newDatabase(" ");

        try (Database database = Database.open(settings)) {
            assertThat(database.appSchema()).isEqualTo("public");
        }
    }

    @Test
    void quotedSchemaIsRejected() {
        DatabaseSettings settings = withSchema("lab\"; DROP TABLE x; --");

        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("DATABASE_URL schema");
    }

    @Test
    void badWorkerSchemaIsRejected() {
        DatabaseSettings settings = withSchema("public");

        assertThatThrownBy(() -> Database.open(settings, "9lives"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("worker schema");
    }

    @Test
    void sameSchemaIsRejected() {
        DatabaseSettings settings = withSchema("prompt_lab");

        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("must differ");
    }

    @Test
    void passwordStaysOutOfErrors() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://localhost:1/none", "lab",
                Secret.ofNullable("hunter2-secret"), new Properties(), "public", 2, Duration.ofMillis(500),
                "postgresql://localhost:1/none");

        assertThatThrownBy(() -> Database.open(settings).close())
                .satisfies(error -> assertThat(stackText(error)).doesNotContain("hunter2-secret"));
    }

    @Test
    void unreachableServerIsNamed() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://localhost:1/none", "lab", null,
                new Properties(), "public", 2, Duration.ofMillis(500), "postgresql://localhost:1/none");

        assertThatThrownBy(() -> Database.open(settings).close())
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("postgresql://localhost:1/none");
    }

    private static DatabaseSettings withSchema(String schema) {
        return new DatabaseSettings("jdbc:postgresql://localhost:1/none", null, null, new Properties(), schema, 2,
                Duration.ofSeconds(1), "postgresql://localhost:1/none");
    }

    private static String stackText(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            text.append(cause).append('\n');
        }
        return text.toString();
    }
}
