package dev.orbitar.promptlab.worker.importing.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.orbitar.promptlab.worker.importing.ApplicationDatabase;
import dev.orbitar.promptlab.worker.importing.ImportOptions;
import dev.orbitar.promptlab.worker.importing.ImportSummary;
import dev.orbitar.promptlab.worker.importing.Importer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures an import of a generated file of about 200 MB into a real PostgreSQL server: rows per second and the
 * peak heap in use, sampled every 10 ms through the MemoryMXBean. Prompts are 200 to 2,000 characters, with one in
 * ten up to 20,000 and one in a hundred up to 150,000, in several lines with quotes, commas and non-ASCII text.
 * A benchmark, not a test: it prints figures and asserts nothing.
 *
 * <p>Run from the project directory, with a small heap to show that memory does not follow the file's size:
 * <pre>
 * ./mvnw -B -q -pl worker test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *     -Dexec.args="-Xmx256m -cp %classpath dev.orbitar.promptlab.worker.importing.bench.ImportBench csv 200"
 * </pre>
 * Arguments: the format ({@code csv} or {@code jsonl}) and the file size in MB.
 */
public final class ImportBench {

    private static final String[] WORDS = {
        "write", "a", "function", "that", "parses", "the", "customer's", "\"quoted\"", "request,", "and",
        "explain", "each", "step", "für", "die", "Übersetzung", "résumé", "naïve", "日本語", "😀", "plan",
        "the", "weekly", "schedule", "compare", "two", "options", "draft", "an", "email", "to", "the", "team."
    };

    private ImportBench() {
    }

    public static void main(String[] args) throws Exception {
        String format = args.length > 0 ? args[0] : "csv";
        long targetBytes = (args.length > 1 ? Long.parseLong(args[1]) : 200) * 1024 * 1024;

        Path dir = Files.createTempDirectory("import-bench");
        Path file = dir.resolve("prompts." + format);
        long generateStart = System.nanoTime();
        long rows = format.equals("csv") ? writeCsv(file, targetBytes) : writeJsonLines(file, targetBytes);
        System.out.printf(Locale.ROOT, "generated %s: %,d rows, %,d bytes in %.1f s%n", file.getFileName(), rows,
                Files.size(file), seconds(generateStart));

        try (ApplicationDatabase database = ApplicationDatabase.start()) {
            Importer importer = new Importer(database.dataSource(), "public");
            measure("first import", importer, file);
            measure("second import", importer, file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static void measure(String label, Importer importer, Path file) throws InterruptedException {
        System.gc();
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long start = System.nanoTime();

        ImportSummary summary = importer.importFile(file, ImportOptions.defaults(), skipped -> {
            throw new IllegalStateException("The generated file has an invalid row: " + skipped);
        });

        double elapsed = seconds(start);
        sampler.interrupt();
        sampler.join();
        System.out.printf(Locale.ROOT, "%s: %s in %.1f s, %,.0f rows/s, %.1f MB/s, peak heap used %,d MB "
                        + "(max heap %,d MB)%n",
                label, summary, elapsed, summary.read() / elapsed, sizeMb(file) / elapsed,
                sampler.peakBytes.get() / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private static long writeCsv(Path file, long targetBytes) throws IOException {
        Random random = new Random(42);
        long rows = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("act,prompt,for_devs,type\r\n");
            while (Files.size(file) < targetBytes) {
                for (int i = 0; i < 1_000; i++, rows++) {
                    String text = promptText(random, rows);
                    out.write("Bench " + rows + ",\"" + text.replace("\"", "\"\"") + "\","
                            + (rows % 10 == 0 ? "TRUE" : "FALSE") + ",TEXT\r\n");
                }
                out.flush();
            }
        }
        return rows;
    }

    private static long writeJsonLines(Path file, long targetBytes) throws IOException {
        Random random = new Random(42);
        JsonFactory json = new JsonFactory();
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (Files.size(file) < targetBytes) {
                for (int i = 0; i < 1_000; i++, rows++) {
                    try (JsonGenerator generator = json.createGenerator(out)) {
                        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                        generator.writeStartObject();
                        generator.writeStringField("text", promptText(random, rows));
                        generator.writeStringField("title", "Bench " + rows);
                        generator.writeStringField("plan", "pro");
                        generator.writeEndObject();
                    }
                    out.write('\n');
                }
                out.flush();
            }
        }
        return rows;
    }

    private static String promptText(Random random, long row) {
        int roll = random.nextInt(100);
        int length = roll == 0 ? 20_000 + random.nextInt(130_000)
                : roll < 10 ? 2_000 + random.nextInt(18_000)
                : 200 + random.nextInt(1_800);
        StringBuilder text = new StringBuilder(length + 40).append("Prompt ").append(row).append(": ");
        while (text.length() < length) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
            text.append(random.nextInt(12) == 0 ? '\n' : ' ');
        }
        return text.toString();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double sizeMb(Path file) {
        try {
            return Files.size(file) / (1024.0 * 1024.0);
        } catch (IOException e) {
            throw new IllegalStateException("Reading the size of " + file + " failed", e);
        }
    }

    /** Records the highest heap use seen until interrupted. */
    private static final class HeapSampler extends Thread {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peakBytes = new AtomicLong();

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peakBytes.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
