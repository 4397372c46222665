package dev.orbitar.promptlab.worker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Measures JVM start-up with and without a class data sharing archive: the time from process start to the first
 * line on standard output, and to process exit. The archive is made first with {@code -XX:ArchiveClassesAtExit}
 * from one run of the same command, as the image build does; then the two variants alternate for several rounds
 * and the medians are printed.
 *
 * <p>Usage, after {@code ./mvnw -pl worker package}, from the repository root:
 * <pre>
 * java -cp worker/target/test-classes dev.orbitar.promptlab.worker.bench.StartupBench \
 *     [--rounds N] [--jar worker/target/prompt-lab-worker.jar] [--main CLASS] [-- COMMAND ARGS...]
 * </pre>
 * Without {@code --main} it runs {@code java -jar JAR COMMAND} (default command {@code --help}). With
 * {@code --main} it runs that class on the class path JAR plus worker/target/test-classes, e.g.
 * {@code --main dev.orbitar.promptlab.worker.bench.StartupProbe}.
 */
public final class StartupBench {

    // The image's JVM flags (Dockerfile.prompt-lab), minus the archive flag that differs per variant.
    private static final List<String> JVM_FLAGS = List.of("-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:-UsePerfData", "-XX:MaxRAMPercentage=75", "-Djava.io.tmpdir=/tmp");

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 7;
        Path jar = Path.of("worker/target/prompt-lab-worker.jar");
        String mainClass = null;
        List<String> command = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--main" -> mainClass = args[++i];
                case "--" -> {
                    command = new ArrayList<>(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --rounds N, --jar PATH, --main CLASS, and -- COMMAND ARGS");
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("Jar not found: " + jar.toAbsolutePath()
                    + "; build it with ./mvnw -pl worker package -DskipTests, or pass --jar");
        }

        if (command == null) {
            command = mainClass == null ? List.of("--help") : List.of();
        }
        Path workDir = Files.createTempDirectory("startup-bench");
        List<String> target = target(jar, mainClass, command, workDir);
        Path archive = workDir.resolve("bench.jsa");
        Measurement training = run(List.of("-XX:ArchiveClassesAtExit=" + archive), target);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("The training run (exit code " + training.exitCode() + ") wrote no "
                    + "archive; run the command by hand with -XX:ArchiveClassesAtExit to see the JVM's warning");
        }
        System.out.printf(Locale.ROOT, "Archive: %s (%d KiB) from a training run that exited %d%n", archive,
                Files.size(archive) / 1024, training.exitCode());

        List<String> withArchive = List.of("-XX:SharedArchiveFile=" + archive);
        List<Measurement> without = new ArrayList<>();
        List<Measurement> with = new ArrayList<>();
        // One uncounted run, so the first counted one does not pay for a cold file cache.
        run(List.of(), target);
        for (int round = 0; round < rounds; round++) {
            // Alternate the order, so that neither variant always runs second on a warmer machine.
            if (round % 2 == 0) {
                without.add(run(List.of(), target));
                with.add(run(withArchive, target));
            } else {
                with.add(run(withArchive, target));
                without.add(run(List.of(), target));
            }
        }

        System.out.printf(Locale.ROOT, "Command: java <image flags> %s%n", String.join(" ", target));
        System.out.printf(Locale.ROOT, "Rounds: %d, medians in milliseconds%n", rounds);
        System.out.printf(Locale.ROOT, "%-22s %18s %12s%n", "variant", "first output line", "exit");
        print("without archive", without);
        print("with archive (CDS)", with);

        try (Stream<Path> files = Files.list(workDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(workDir);
    }

    private static List<String> target(Path jar, String mainClass, List<String> command, Path workDir)
            throws IOException {
        List<String> target = new ArrayList<>();
        if (mainClass == null) {
            target.add("-jar");
            target.add(jar.toString());
        } else {
            // Class data sharing archives only classes loaded from jars, so the test classes go into one.
            Path testClasses = jar.toAbsolutePath().getParent().resolve("test-classes");
            target.add("-cp");
            target.add(jar + System.getProperty("path.separator") + jarOf(testClasses, workDir));
            target.add(mainClass);
        }
        target.addAll(command);
        return target;
    }

    private static Path jarOf(Path classes, Path workDir) throws IOException {
        Path jar = workDir.resolve("test-classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Measurement run(List<String> archiveFlags, List<String> target)
            throws IOException, InterruptedException {
        List<String> commandLine = new ArrayList<>();
        commandLine.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        commandLine.addAll(JVM_FLAGS);
        commandLine.addAll(archiveFlags);
        commandLine.addAll(target);
        ProcessBuilder builder = new ProcessBuilder(commandLine).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("LOG_FORMAT", "json");

        long start = System.nanoTime();
        Process process = builder.start();
        long firstLine = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            if (out.readLine() != null) {
                firstLine = System.nanoTime() - start;
            }
            while (out.readLine() != null) {
                // Drain the rest so the child never blocks on a full pipe.
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The measured command did not exit within 120 s: " + commandLine);
        }
        long exit = System.nanoTime() - start;
        return new Measurement(firstLine, exit, process.exitValue());
    }

    private static void print(String variant, List<Measurement> measurements) {
        long[] firstLines = measurements.stream().mapToLong(Measurement::firstLineNanos).filter(n -> n >= 0)
                .sorted().toArray();
        long[] exits = measurements.stream().mapToLong(Measurement::exitNanos).sorted().toArray();
        String firstLine = firstLines.length == 0 ? "no output" : millis(median(firstLines));
        System.out.printf(Locale.ROOT, "%-22s %18s %12s%n", variant, firstLine, millis(median(exits)));
    }

    private static long median(long[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.0f", nanos / 1_000_000.0);
    }

    /** One measured run: nanoseconds to the first output line (-1 when none) and to exit. */
    private record Measurement(long firstLineNanos, long exitNanos, int exitCode) {
    }
}
