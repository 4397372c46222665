package dev.orbitar.promptlab.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A worker whose database cannot be reached at start: one clear line, exit code 1, no password anywhere. */
@Timeout(120)
class UnreachableDatabaseTest {

    private static final String PASSWORD = "FaultPw-unreachable-3b9d";
    private static final int CONNECT_TIMEOUT_SECONDS = 2;
    // JVM start and class loading of a worker on a busy two-core machine, on top of the connect timeout.
    private static final Duration START_ALLOWANCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void refusedConnectionEndsInOneLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        WorkerProcess worker = WorkerProcess.start(settings(port), dir);
        int exitCode = worker.waitForExit(START_ALLOWANCE.plusSeconds(CONNECT_TIMEOUT_SECONDS));

        assertThat(exitCode).isEqualTo(1);
        assertOneClearLine(worker, port);
    }

    /** A server that accepts the TCP connection and then sends nothing, as a host behind a dead proxy does. */
    @Test
    void silentServerTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = silent.getLocalPort();
            long started = System.nanoTime();

            WorkerProcess worker = WorkerProcess.start(settings(port), dir);
            int exitCode = worker.waitForExit(START_ALLOWANCE.plusSeconds(CONNECT_TIMEOUT_SECONDS));

            System.out.printf("Worker against a silent server exited after %d ms (connect_timeout %d s)%n",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), CONNECT_TIMEOUT_SECONDS);
            assertThat(exitCode).isEqualTo(1);
            assertOneClearLine(worker, port);
        }
    }

    private static WorkerProcess.Settings settings(int port) {
        String url = "postgresql://" + LabServer.WORKER_ROLE + ":" + PASSWORD + "@127.0.0.1:" + port
                + "/lab?connect_timeout=" + CONNECT_TIMEOUT_SECONDS;
        return new WorkerProcess.Settings(url, null);
    }

    private static void assertOneClearLine(WorkerProcess worker, int port) {
        List<String> lines = worker.lines();
        List<String> errors = lines.stream().filter(line -> line.contains(" ERROR ")).toList();

        assertThat(errors).as("error lines").hasSize(1);
        assertThat(errors.get(0)).contains("127.0.0.1:" + port);
        assertThat(lines).as("stack trace lines").noneMatch(line -> line.startsWith("\t") || line.startsWith(" "));
        assertThat(lines).as("lines with the password").noneMatch(line -> line.contains(PASSWORD));
    }
}
