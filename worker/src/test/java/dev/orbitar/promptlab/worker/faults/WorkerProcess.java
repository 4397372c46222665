package dev.orbitar.promptlab.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbitar.promptlab.worker.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker in its own JVM, started as the image starts it ({@code Main run-batch} or {@code Main serve}) on this test's class path, with
 * its settings in a fresh environment and its output captured to files. Logging uses the worker's own Logback
 * file, not the tests' one.
 */
final class WorkerProcess {

    private static final AtomicInteger STARTED = new AtomicInteger();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private WorkerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Settings for one worker: environment variables, with defaults for a fast batch against a fake provider. */
    static final class Settings {
        private final Map<String, String> environment = new LinkedHashMap<>();

        Settings(FaultDatabase database, FakeOpenRouter provider) {
            this(database.workerUrl(), provider);
        }

        Settings(String databaseUrl, FakeOpenRouter provider) {
            environment.put("DATABASE_URL", databaseUrl);
            environment.put("LOG_FORMAT", "text");
            environment.put("LAB_CONCURRENCY", "4");
            if (provider != null) {
                environment.put("OPENROUTER_API_KEY", FakeOpenRouter.API_KEY);
                environment.put("OPENROUTER_BASE_URL", provider.baseUrl());
                environment.put("LAB_MAX_ATTEMPTS", "1");
                environment.put("LAB_READ_TIMEOUT_SECONDS", "150");
                environment.put("LAB_CALL_TIMEOUT_SECONDS", "160");
            }
        }

        Settings set(String name, String value) {
            environment.put(name, value);
            return this;
        }

        Settings set(String name, int value) {
            return set(name, Integer.toString(value));
        }
    }

    /** Starts {@code run-batch} with the settings, its working folder and output files under {@code dir}. */
    static WorkerProcess start(Settings settings, Path dir) {
        return start("run-batch", settings, dir);
    }

    /** Starts a worker command, such as {@code serve}, as {@link #start(Settings, Path)} does. */
    static WorkerProcess start(String command, Settings settings, Path dir) {
        int number = STARTED.incrementAndGet();
        Path work = dir.resolve("worker-" + number);
        Path stdout = work.resolve("stdout.log");
        Path stderr = work.resolve("stderr.log");
        try {
            Files.createDirectories(work);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java,
                    // A short-lived worker needs neither the optimizing compiler nor a parallel collector, and four
                    // of them share two cores in these tests.
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                    "-Duser.timezone=Pacific/Kiritimati",
                    "-Dlogback.configurationFile=logback.xml",
                    "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), command);
            builder.directory(work.toFile());
            builder.environment().clear();
            builder.environment().put("LAB_DATA_DIR", work.resolve("data").toString());
            builder.environment().putAll(settings.environment);
            builder.redirectOutput(stdout.toFile());
            builder.redirectError(stderr.toFile());
            return new WorkerProcess(builder.start(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start worker " + number, e);
        }
    }

    /** Waits for the worker to exit and returns its exit code; fails the test when it runs longer than the bound. */
    int waitForExit(Duration bound) {
        try {
            boolean exited = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as("worker exited within %s; output:%n%s", bound, String.join("\n", lines()))
                    .isTrue();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a worker", e);
        }
    }

    /** Sends SIGTERM (on Linux and macOS). */
    void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns every line printed so far, standard output first, then standard error. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.addAll(read(stdout));
        lines.addAll(read(stderr));
        return lines;
    }

    /** Fails when any captured line contains one of the secrets. */
    void assertNoSecretIn(String... secrets) {
        List<String> lines = lines();
        for (String secret : secrets) {
            assertThat(lines).as("lines containing a secret").noneMatch(line -> line.contains(secret));
        }
    }

    private static List<String> read(Path file) {
        try {
            // Read as bytes: a line the worker is still writing may end inside a UTF-8 sequence.
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
