package dev.orbitar.promptlab.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresBatchLedgerTest {

    private static final Instant STARTED = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final Instant FINISHED = Instant.parse("2025-03-01T10:16:02.456Z");

    private DatabaseSettings settings;
    private Database database;
    private PostgresBatchLedger ledger;

    @BeforeEach
    void setUp() {
        settings = TestPostgres.newDatabase();
        database = Database.open(settings);
        new Migrations(database).migrate();
        ledger = new PostgresBatchLedger(database);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void startedWritesRunningBatch() throws Exception {
        ledger.started(new BatchRecord("b1", STARTED, "offline", null, 20, false,
                Map.of("hostname", "worker-7", "cloudRunTaskIndex", "3")));

        try (Connection connection = TestPostgres.connect(settings);
                ResultSet row = connection.createStatement().executeQuery(
                        "SELECT status, started_at, engine, model_name, batch_limit, dry_run, origin::text AS origin"
                                + " FROM prompt_lab.batch WHERE id = 'b1'")) {
            row.next();
            assertThat(row.getString("status")).isEqualTo("running");
            assertThat(row.getObject("started_at", LocalDateTime.class))
                    .isEqualTo(LocalDateTime.of(2025, 3, 1, 10, 15, 30, 123_000_000));
            assertThat(row.getString("engine")).isEqualTo("offline");
            assertThat(row.getString("model_name")).isNull();
            assertThat(row.getInt("batch_limit")).isEqualTo(20);
            assertThat(row.getBoolean("dry_run")).isFalse();
            assertThat(new ObjectMapper().readValue(row.getString("origin"), Map.class))
                    .isEqualTo(Map.of("hostname", "worker-7", "cloudRunTaskIndex", "3"));
        }
    }

    @Test
    void finishedRecordsOutcome() throws SQLException {
        ledger.started(new BatchRecord("b1", STARTED, "openrouter", "openai/gpt-4o-mini", 20, false, Map.of()));

        ledger.finished("b1", FINISHED, "completed", 20, 19, 1);

        try (Connection connection = TestPostgres.connect(settings);
                ResultSet row = connection.createStatement().executeQuery(
                        "SELECT * FROM prompt_lab.batch WHERE id = 'b1'")) {
            row.next();
            assertThat(row.getString("status")).isEqualTo("completed");
            assertThat(row.getObject("finished_at", LocalDateTime.class))
                    .isEqualTo(LocalDateTime.of(2025, 3, 1, 10, 16, 2, 456_000_000));
            assertThat(row.getInt("runs_created")).isEqualTo(20);
            assertThat(row.getInt("scores_created")).isEqualTo(19);
            assertThat(row.getInt("failures")).isEqualTo(1);
        }
    }

    @Test
    void instantReadsBackUnchanged() throws SQLException {
        ledger.started(new BatchRecord("b1", STARTED, "offline", null, 20, false, Map.of()));

        try (Connection connection = TestPostgres.connect(settings);
                ResultSet row = connection.createStatement().executeQuery(
                        "SELECT started_at FROM prompt_lab.batch WHERE id = 'b1'")) {
            row.next();
            assertThat(new UtcInstantTypeHandler().getNullableResult(row, "started_at")).isEqualTo(STARTED);
        }
    }

    @Test
    void unknownStatusIsRejected() {
        ledger.started(new BatchRecord("b1", STARTED, "offline", null, 20, false, Map.of()));

        assertThatThrownBy(() -> ledger.finished("b1", FINISHED, "done", 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'done'");
    }

    @Test
    void unknownBatchIsRejected() {
        assertThatThrownBy(() -> ledger.finished("missing", FINISHED, "completed", 0, 0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void startedTwiceIsRejected() {
        BatchRecord batch = new BatchRecord("b1", STARTED, "offline", null, 20, false, Map.of());
        ledger.started(batch);

        assertThatThrownBy(() -> ledger.started(batch)).hasMessageContaining("batch_pkey");
    }
}
