package dev.orbitar.promptlab.worker.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbitar.promptlab.worker.batch.BatchSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the batch summary as one JSON line to the container's termination message file, so Kubernetes copies it
 * into the pod status ({@code state.terminated.message}) where the operator reads the last run.
 *
 * <p>Kubernetes mounts the file ({@code /dev/termination-log} unless the container sets
 * {@code terminationMessagePath}) and reads at most 4096 bytes of it. The file is written only when it already
 * exists and is writable, so a run outside Kubernetes never creates one.
 */
public final class TerminationMessage {

    /** The path Kubernetes uses when the container spec does not set {@code terminationMessagePath}. */
    public static final Path DEFAULT_PATH = Path.of("/dev/termination-log");
    /** The environment variable that overrides the path, to match a custom {@code terminationMessagePath}. */
    public static final String PATH_SETTING = "LAB_TERMINATION_MESSAGE_PATH";
    /** The maximum size of a termination message that Kubernetes keeps, in bytes (Kubernetes documentation). */
    public static final int MAX_BYTES = 4096;

    private static final Logger log = LoggerFactory.getLogger(TerminationMessage.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;

    public TerminationMessage(Path path) {
        this.path = path;
    }

    /** Returns the writer for the path in {@code LAB_TERMINATION_MESSAGE_PATH}, or the Kubernetes default. */
    public static TerminationMessage fromEnv(Map<String, String> env) {
        String value = env.get(PATH_SETTING);
        return new TerminationMessage(value == null || value.isBlank() ? DEFAULT_PATH : Path.of(value.trim()));
    }

    /**
     * Writes the summary of a batch that ran, stopped early or not. Returns whether the file was written.
     * The line has {@code batchId}, {@code status}, {@code runsCreated}, {@code scoresCreated}, {@code failures}
     * and {@code stopReason} (null when the batch ran every claimed task).
     */
    public boolean write(BatchSummary summary) {
        ObjectNode line = JSON.createObjectNode();
        line.put("batchId", summary.batchId());
        line.put("status", summary.status());
        line.put("runsCreated", summary.runsCreated());
        line.put("scoresCreated", summary.scoresCreated());
        line.put("failures", summary.failures());
        line.put("stopReason", summary.stopReason());
        return writeLine(line, "stopReason");
    }

    /**
     * Writes the outcome of a batch that could not run or record its work. Returns whether the file was written.
     * The message must carry no secret: it ends up in the pod status, readable by anyone who may read pods.
     */
    public boolean writeFailed(String batchId, String error) {
        ObjectNode line = JSON.createObjectNode();
        line.put("batchId", batchId);
        line.put("status", "failed");
        line.put("runsCreated", 0);
        line.put("scoresCreated", 0);
        line.put("failures", 0);
        line.put("error", error);
        return writeLine(line, "error");
    }

    /** Returns the line for {@code message}, shortening the text field until the line fits {@link #MAX_BYTES}. */
    static byte[] encode(ObjectNode message, String shortenable) {
        byte[] line = toLine(message);
        String text = message.path(shortenable).isTextual() ? message.get(shortenable).asText() : null;
        while (line.length > MAX_BYTES && text != null && !text.isEmpty()) {
            // Cut by the bytes still over the limit plus the marker, at least one character, and retry: escaping
            // makes the encoded length differ from the text length, so one cut may not be enough.
            int excess = line.length - MAX_BYTES + 3;
            int keep = Math.max(0, text.length() - Math.max(1, excess));
            if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
                keep--;
            }
            text = text.substring(0, keep);
            message.put(shortenable, text + "...");
            line = toLine(message);
        }
        return line;
    }

    private boolean writeLine(ObjectNode message, String shortenable) {
        if (!Files.isRegularFile(path) || !Files.isWritable(path)) {
            log.debug("No termination message written: {} is not a writable file", path);
            return false;
        }

        byte[] line = encode(message, shortenable);
        try {
            Files.write(path, line, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return true;
        } catch (IOException e) {
            log.warn("Could not write the termination message to {}: {}", path, e.toString());
            return false;
        }
    }

    private static byte[] toLine(ObjectNode message) {
        return (message.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
