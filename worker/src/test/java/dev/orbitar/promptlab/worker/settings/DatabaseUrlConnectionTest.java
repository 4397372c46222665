package dev.orbitar.promptlab.worker.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Translated URLs open real connections to an embedded PostgreSQL, over TCP (IPv4 and IPv6) and a Unix socket. */
class DatabaseUrlConnectionTest {

    private static EmbeddedPostgres postgres;
    private static Path socketDirectory;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        // A short path: a Unix socket path must fit in 107 bytes.
        socketDirectory = Files.createTempDirectory(Path.of("/tmp"), "pl-sock");
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1,::1")
                .setServerConfig("unix_socket_directories", socketDirectory.toString())
                .start();

        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE lab LOGIN PASSWORD 'p@ss:w/rd?'");
            statement.execute("CREATE DATABASE lab_app OWNER lab");
        }
        try (Connection connection = postgres.getDatabase("postgres", "lab_app").getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA app AUTHORIZATION lab");
            statement.execute("CREATE TABLE app.\"LabRun\" (id TEXT PRIMARY KEY)");
            statement.execute("INSERT INTO app.\"LabRun\" VALUES ('run-1')");
            statement.execute("GRANT ALL ON app.\"LabRun\" TO lab");
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
        Files.deleteIfExists(socketDirectory);
    }

    private static String query(DatabaseSettings settings, String sql) throws SQLException {
        try (HikariDataSource pool = new HikariDataSource(DatabasePoolConfig.hikariConfig(settings));
                Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String tcpUrl(String host, String query) {
        return "postgresql://lab:p%40ss%3Aw%2Frd%3F@" + host + ":" + postgres.getPort() + "/lab_app?" + query;
    }

    @Test
    void schemaMakesUnqualifiedTablesVisible() throws SQLException {
        DatabaseSettings settings = DatabaseUrlParser.parse(tcpUrl("127.0.0.1", "schema=app&sslmode=disable"), 2);

        assertThat(query(settings, "SELECT id FROM \"LabRun\"")).isEqualTo("run-1");
    }

    @Test
    void currentSchemaIsTheUrlSchema() throws SQLException {
        DatabaseSettings settings = DatabaseUrlParser.parse(tcpUrl("127.0.0.1", "schema=app&sslmode=disable"), 2);

        assertThat(query(settings, "SELECT current_schema()")).isEqualTo("app");
    }

    @Test
    void applicationNameReachesServer() throws SQLException {
        DatabaseSettings settings = DatabaseUrlParser.parse(
                tcpUrl("127.0.0.1", "application_name=lab+nightly&connect_timeout=3&sslmode=disable"), 2);

        assertThat(query(settings, "SHOW application_name")).isEqualTo("lab nightly");
    }

    @Test
    void optionsReachServer() throws SQLException {
        DatabaseSettings settings = DatabaseUrlParser.parse(
                tcpUrl("127.0.0.1", "schema=app&options=-c+statement_timeout%3D4321&connect_timeout=3"), 2);

        assertThat(query(settings, "SHOW statement_timeout")).isEqualTo("4321ms");
    }

    @Test
    void optionsSearchPathApplies() throws SQLException {
        DatabaseSettings settings = DatabaseUrlParser.parse(
                tcpUrl("127.0.0.1", "options=-c+search_path%3Dapp,public"), 2);

        assertThat(query(settings, "SELECT id FROM \"LabRun\"")).isEqualTo("run-1");
    }

    @Test
    void defaultApplicationName() throws SQLException {
        DatabaseSettings settings = DatabaseUrlParser.parse(tcpUrl("127.0.0.1", ""), 2);

        assertThat(query(settings, "SHOW application_name")).isEqualTo("prompt-lab-worker");
    }

    @Test
    void ipv6HostConnects() throws SQLException {
        DatabaseSettings settings = DatabaseUrlParser.parse(tcpUrl("[::1]", "schema=app"), 2);

        assertThat(query(settings, "SELECT inet_client_addr()::text")).isEqualTo("::1/128");
    }

    @Test
    void unixSocketConnects() throws SQLException {
        DatabaseSettings settings = DatabaseUrlParser.parse("postgresql://lab:p%40ss%3Aw%2Frd%3F@localhost:"
                + postgres.getPort() + "/lab_app?schema=app&host=" + socketDirectory, 2);

        // inet_client_addr() is null on a Unix socket connection.
        assertThat(query(settings, "SELECT coalesce(inet_client_addr()::text, 'unix') || ' ' || id FROM \"LabRun\""))
                .isEqualTo("unix run-1");
    }

    @Test
    void jdbcUrlConnects() throws SQLException {
        DatabaseSettings settings = DatabaseUrlParser.parse("jdbc:postgresql://127.0.0.1:" + postgres.getPort()
                + "/lab_app?user=lab&password=p%40ss%3Aw%2Frd%3F&currentSchema=app&ApplicationName=jdbc-form", 2);

        assertThat(query(settings, "SELECT current_setting('application_name') || ' ' || id FROM \"LabRun\""))
                .isEqualTo("jdbc-form run-1");
    }
}
