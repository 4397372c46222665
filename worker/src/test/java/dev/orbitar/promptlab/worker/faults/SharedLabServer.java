package dev.orbitar.promptlab.worker.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** One {@link LabServer} for every fault test that does not stop its server; it stops with the test JVM. */
final class SharedLabServer {

    private static LabServer server;

    private SharedLabServer() {
    }

    /** Returns a new database on the shared server, migrated, with no tasks yet. */
    static synchronized FaultDatabase newDatabase() {
        if (server == null) {
            server = startWithCleanup();
        }
        FaultDatabase database = server.newDatabase();
        database.migrate();
        return database;
    }

    /** Returns the workers' password on the shared server. */
    static synchronized String password() {
        return server.password();
    }

    private static LabServer startWithCleanup() {
        try {
            Path dir = Files.createTempDirectory("prompt-lab-faults");
            LabServer started = LabServer.start(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteTree(dir);
            }, "faults-server-stop"));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
