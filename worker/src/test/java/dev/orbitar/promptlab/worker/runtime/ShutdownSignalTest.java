package dev.orbitar.promptlab.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Sends SIGTERM to a child JVM running a fake batch under the shutdown coordinator. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class ShutdownSignalTest {

    // 128 + 15: how a JVM ends when SIGTERM started its shutdown.
    private static final int SIGTERM_EXIT = 143;

    @Test
    void batchRecordsBeforeExit() throws Exception {
        Probe probe = Probe.start("finishes", 10_000);

        List<String> output = probe.terminate();

        assertThat(output).containsSubsequence("batch started", "stop requested: SIGTERM", "batch recorded");
        assertThat(output).doesNotContain("cut short: unfinished runs marked, leases released");
        assertThat(probe.exitCode()).isEqualTo(SIGTERM_EXIT);
    }

    @Test
    void stuckBatchCutShort() throws Exception {
        Probe probe = Probe.start("stuck", 300);

        List<String> output = probe.terminate();

        assertThat(output).containsSubsequence("batch started", "stop requested: SIGTERM",
                "cut short: unfinished runs marked, leases released");
        assertThat(probe.exitCode()).isEqualTo(SIGTERM_EXIT);
    }

    @Test
    void ownExitDoesNotWait() throws Exception {
        Probe probe = Probe.start("quick", 60_000);

        List<String> output = probe.readToEnd();

        assertThat(output).containsExactly("batch started", "exiting");
        assertThat(probe.exitCode()).isZero();
    }

    private static final class Probe {
        private final Process process;
        private final BufferedReader reader;
        private final List<String> lines = new ArrayList<>();

        private Probe(Process process) {
            this.process = process;
            this.reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Probe start(String mode, long graceMillis) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ShutdownProbe.class.getName(), mode, Long.toString(graceMillis));
            builder.environment().put("LOG_FORMAT", "text");
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            return new Probe(builder.start());
        }

        /** Waits for the batch to start, sends SIGTERM, and returns every line the probe printed. */
        List<String> terminate() throws IOException {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.equals("batch started")) {
                    break;
                }
            }
            // ProcessHandle.destroy sends SIGTERM on Linux and macOS and, unlike Process.destroy, leaves the
            // output stream open so the lines printed during shutdown can still be read.
            process.toHandle().destroy();
            return readToEnd();
        }

        List<String> readToEnd() throws IOException {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                    lines.add(line);
                }
            }
            return lines;
        }

        int exitCode() throws InterruptedException {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return process.exitValue();
        }
    }
}
