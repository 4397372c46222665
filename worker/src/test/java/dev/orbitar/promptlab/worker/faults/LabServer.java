package dev.orbitar.promptlab.worker.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded PostgreSQL server that a test can stop and start again on the same port and data folder. Workers
 * connect as a role with a password, which the server checks (SCRAM over TCP), so a test can look for that password
 * in everything the workers print. The test itself connects as the superuser, which the server trusts.
 */
final class LabServer implements AutoCloseable {

    /** The role the workers connect as. */
    static final String WORKER_ROLE = "lab_worker";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String HBA = """
            local all all trust
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final Path dataDir;
    private final int port;
    private final String password;
    private EmbeddedPostgres server;

    private LabServer(Path dataDir, int port, String password) {
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
    }

    /** Starts a server with a new data folder under {@code parent} and creates the workers' role. */
    static LabServer start(Path parent) {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        LabServer lab = new LabServer(parent.resolve("pgdata"), freePort(),
                "FaultPw-" + HexFormat.of().formatHex(random));
        lab.startServer();
        lab.execute("postgres", "CREATE ROLE " + WORKER_ROLE + " LOGIN PASSWORD '" + lab.password + "'");
        return lab;
    }

    /** Returns the workers' password, to look for in their output. */
    String password() {
        return password;
    }

    int port() {
        return port;
    }

    /** Creates an empty database owned by the workers' role. */
    FaultDatabase newDatabase() {
        String name = "faults_" + DATABASES.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name + " OWNER " + WORKER_ROLE);
        return new FaultDatabase(this, name);
    }

    /** Stops the server the way an operator or a failover does: fast shutdown, open sessions are ended. */
    synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not stop", e);
        }
        server = null;
    }

    /** Starts the server again on the same port with the same data. */
    synchronized void restart() {
        startServer();
    }

    /** Opens a connection as the superuser, for setting up rows and reading them back. */
    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", null);
    }

    void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            stop();
        }
    }

    private void startServer() {
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start on port " + port, e);
        }
    }

    private static void writeHba(Path dir) {
        try {
            Files.writeString(dir.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
