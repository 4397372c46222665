package dev.orbitar.promptlab.worker.store;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from a jar, for a person at a terminal with no DATABASE_URL. Its data lives in
 * {@code <dataDir>/postgres} and is kept between runs; each start listens on a free loopback port.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private static final String DATABASE_NAME = "postgres";
    private static final String USER_NAME = "postgres";
    private static final int POOL_SIZE = 8;
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the server on the data in {@code <dataDir>/postgres}, creating the cluster there on the first start.
     *
     * @throws DatabaseUnavailableException when the folder cannot be created, another worker uses it, or the server
     *     does not start
     */
    // NOTE: SIGKILL skips the shutdown hook, so the killed worker's server keeps running and the next start fails.
    // With zonky 2.2.2 the failed process stops that server as it exits, so the start after it works (tried by hand).
    public static EmbeddedDatabase start(Path dataDir) {
        Path dataDirectory = dataDir.resolve("postgres").toAbsolutePath();
        boolean existed = Files.isRegularFile(dataDirectory.resolve("PG_VERSION"));
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // The worker stops the server itself, after a SIGTERM's grace period: the library's own hook
                    // would stop it at once, under the batch that is still recording its runs.
                    .setRegisterShutdownHook(false)
                    .setPort(freePort())
                    .start();
            log.info("Embedded PostgreSQL {} data in {}, listening on localhost:{}",
                    existed ? "reusing" : "created", dataDirectory, postgres.getPort());
            return new EmbeddedDatabase(postgres, dataDirectory);
        } catch (IOException | IllegalStateException e) {
            // The library reports a folder locked by another worker as an IllegalStateException.
            throw new DatabaseUnavailableException("Embedded PostgreSQL failed to start with data in "
                    + dataDirectory + ": " + e.getMessage() + ". Check that the folder is writable and that no other"
                    + " worker uses it (or set another LAB_DATA_DIR). If a killed worker left its server running, this"
                    + " run stops it on exit, so run again; or set DATABASE_URL", e);
        }
    }

    /** Returns the settings to connect to this server, with the application's tables in {@code public}. */
    public DatabaseSettings settings() {
        String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE_NAME;
        return new DatabaseSettings(jdbcUrl, USER_NAME, null, new Properties(), "public", POOL_SIZE, POOL_TIMEOUT,
                "postgresql://localhost:" + postgres.getPort() + "/" + DATABASE_NAME + " (embedded)");
    }

    /** Returns the folder holding the server's data. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server; its data stays for the next start. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
