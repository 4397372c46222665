package dev.orbitar.promptlab.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.batch.BatchSummary;
import dev.orbitar.promptlab.worker.batch.StopCause;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void summaryWritten() throws Exception {
        Path file = Files.createFile(temp.resolve("termination-log"));

        boolean written = new TerminationMessage(file).write(new BatchSummary("b-1", 5, 5, 4, 1, 0, null, null));

        JsonNode line = JSON.readTree(Files.readString(file));
        assertThat(written).isTrue();
        assertThat(line.path("batchId").asText()).isEqualTo("b-1");
        assertThat(line.path("status").asText()).isEqualTo("completed");
        assertThat(line.path("runsCreated").asInt()).isEqualTo(5);
        assertThat(line.path("scoresCreated").asInt()).isEqualTo(4);
        assertThat(line.path("failures").asInt()).isEqualTo(1);
        assertThat(line.path("stopReason").isNull()).isTrue();
    }

    @Test
    void messageIsOneLine() throws Exception {
        Path file = Files.createFile(temp.resolve("termination-log"));

        new TerminationMessage(file).write(new BatchSummary("b-1", 2, 1, 1, 0, 1, StopCause.SHUTDOWN, "SIGTERM"));

        String text = Files.readString(file);
        assertThat(text).endsWith("}\n");
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
    }

    @Test
    void earlierContentReplaced() throws Exception {
        Path file = Files.writeString(temp.resolve("termination-log"), "x".repeat(10_000));

        new TerminationMessage(file).write(new BatchSummary("b-2", 0, 0, 0, 0, 0, null, null));

        assertThat(JSON.readTree(Files.readString(file)).path("batchId").asText()).isEqualTo("b-2");
    }

    @Test
    void longReasonCapped() throws Exception {
        Path file = Files.createFile(temp.resolve("termination-log"));
        String reason = "provider refused: \"quota\" ✓ ".repeat(400);

        new TerminationMessage(file).write(new BatchSummary("b-3", 9, 3, 3, 0, 6, StopCause.SHUTDOWN, reason));

        byte[] bytes = Files.readAllBytes(file);
        JsonNode line = JSON.readTree(bytes);
        assertThat(bytes.length).isLessThanOrEqualTo(TerminationMessage.MAX_BYTES);
        assertThat(line.path("stopReason").asText()).startsWith("provider refused: \"quota\"");
        assertThat(line.path("stopReason").asText()).endsWith("...");
        assertThat(line.path("runsCreated").asInt()).isEqualTo(3);
    }

    @Test
    void failureWritten() throws Exception {
        Path file = Files.createFile(temp.resolve("termination-log"));

        new TerminationMessage(file).writeFailed("b-4", "database unreachable at db:5432");

        JsonNode line = JSON.readTree(Files.readString(file));
        assertThat(line.path("status").asText()).isEqualTo("failed");
        assertThat(line.path("error").asText()).isEqualTo("database unreachable at db:5432");
    }

    @Test
    void missingFileNotCreated() {
        Path file = temp.resolve("termination-log");

        boolean written = new TerminationMessage(file).write(new BatchSummary("b-5", 0, 0, 0, 0, 0, null, null));

        assertThat(written).isFalse();
        assertThat(file).doesNotExist();
    }

    @Test
    void directorySkipped() {
        boolean written = new TerminationMessage(temp).write(new BatchSummary("b-6", 0, 0, 0, 0, 0, null, null));

        assertThat(written).isFalse();
    }

    @Test
    void readOnlyFileSkipped() throws Exception {
        Path file = Files.createFile(temp.resolve("termination-log"));
        Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ));
        assumeFalse(Files.isWritable(file), "the test user may write read-only files (root)");

        boolean written = new TerminationMessage(file).write(new BatchSummary("b-7", 0, 0, 0, 0, 0, null, null));

        assertThat(written).isFalse();
    }

    @Test
    void pathFromSetting() throws Exception {
        Path file = Files.createFile(temp.resolve("custom-log"));

        TerminationMessage message = TerminationMessage.fromEnv(Map.of(TerminationMessage.PATH_SETTING,
                file.toString()));
        message.write(new BatchSummary("b-8", 0, 0, 0, 0, 0, null, null));

        assertThat(Files.readString(file)).contains("\"b-8\"");
    }
}
