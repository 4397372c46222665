package dev.orbitar.promptlab.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    private static final List<String> APP_TABLES = List.of("SyntheticTask", "PromptSample", "LabRun", "LabScore");

    @Test
    void emptyDatabaseGetsFixtureShape() throws SQLException {
        DatabaseSettings migrated = TestPostgres.newDatabase();
        migrate(migrated);
        DatabaseSettings fixture = TestPostgres.newApplicationDatabase();

        // The fixture's PromptSample also has the application-only key to RefineEvent, and its two triggers.
        List<String> expected = SchemaSnapshot.of(fixture, "public", APP_TABLES).stream()
                .filter(line -> !line.contains("PromptSample_refineEventId_fkey"))
                .filter(line -> !line.startsWith("PromptSample trigger count"))
                .toList();
        List<String> actual = SchemaSnapshot.of(migrated, "public", APP_TABLES).stream()
                .filter(line -> !line.startsWith("PromptSample trigger count"))
                .toList();

        assertThat(actual).hasSize(50);
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void emptyDatabaseGetsNoRefineEvent() throws SQLException {
        DatabaseSettings settings = TestPostgres.newDatabase();
        migrate(settings);

        assertThat(SchemaSnapshot.relations(settings, "public")).noneMatch(line -> line.startsWith("RefineEvent"));
    }

    @Test
    void emptyDatabaseGetsFourTables() throws SQLException {
        DatabaseSettings settings = TestPostgres.newDatabase();
        migrate(settings);

        assertThat(SchemaSnapshot.relations(settings, "public")).filteredOn(line -> line.endsWith("kind r"))
                .containsExactlyInAnyOrder("LabRun kind r", "LabScore kind r", "PromptSample kind r",
                        "SyntheticTask kind r");
    }

    @Test
    void applicationDatabaseIsNotAltered() throws SQLException {
        DatabaseSettings settings = TestPostgres.newApplicationDatabase();
        List<String> tables = List.of("RefineEvent", "SyntheticTask", "PromptSample", "LabRun", "LabScore");
        List<String> shapeBefore = SchemaSnapshot.of(settings, "public", tables);
        List<String> relationsBefore = SchemaSnapshot.relations(settings, "public");

        migrate(settings);

        assertThat(SchemaSnapshot.of(settings, "public", tables)).isEqualTo(shapeBefore);
        assertThat(SchemaSnapshot.relations(settings, "public")).isEqualTo(relationsBefore);
    }

    @Test
    void secondRunChangesNothing() throws SQLException {
        DatabaseSettings settings = TestPostgres.newApplicationDatabase();
        try (Database database = Database.open(settings)) {
            int first = new Migrations(database).migrate();
            List<String> appBefore = SchemaSnapshot.relations(settings, "public");
            List<String> workerBefore = SchemaSnapshot.relations(settings, "prompt_lab");

            int second = new Migrations(database).migrate();

            assertThat(first).isEqualTo(4);
            assertThat(second).isZero();
            assertThat(SchemaSnapshot.relations(settings, "public")).isEqualTo(appBefore);
            assertThat(SchemaSnapshot.relations(settings, "prompt_lab")).isEqualTo(workerBefore);
        }
    }

    @Test
    void historyTableInWorkerSchema() throws SQLException {
        DatabaseSettings settings = TestPostgres.newApplicationDatabase();
        migrate(settings);

        assertThat(SchemaSnapshot.relations(settings, "prompt_lab")).contains("flyway_schema_history kind r");
        assertThat(SchemaSnapshot.relations(settings, "public")).noneMatch(line -> line.contains("flyway"));
    }

    @Test
    void workerSchemaHasPickingIndexes() throws SQLException {
        DatabaseSettings settings = TestPostgres.newDatabase();
        migrate(settings);

        assertThat(SchemaSnapshot.relations(settings, "prompt_lab")).contains(
                "task_claim_rotation_idx kind i",
                "task_claim_batch_idx kind i",
                "batch_run_unfinished_idx kind i",
                "run_usage_batch_idx kind i",
                "batch_execution_idx kind i");
    }

    @Test
    void customSchemasAreUsed() throws SQLException {
        DatabaseSettings settings = TestPostgres.newDatabase("lab_app");
        try (Database database = Database.open(settings, "lab_worker")) {
            new Migrations(database).migrate();
        }

        assertThat(SchemaSnapshot.relations(settings, "lab_app")).contains("LabRun kind r");
        assertThat(SchemaSnapshot.relations(settings, "lab_worker")).contains("task_claim kind r");
        assertThat(SchemaSnapshot.relations(settings, "public")).isEmpty();
    }

    @Test
    void pendingCountsUnapplied() {
        DatabaseSettings settings = TestPostgres.newDatabase();
        try (Database database = Database.open(settings)) {
            Migrations migrations = new Migrations(database);
            int before = migrations.pending();
            migrations.migrate();

            assertThat(before).isEqualTo(4);
            assertThat(migrations.pending()).isZero();
        }
    }

    @Test
    void failureNamesWorkerSchema() {
        DatabaseSettings settings = TestPostgres.newDatabase();
        // Roles belong to the whole server, which other tests share, so the role may exist already.
        TestPostgres.execute(settings, "DO $$ BEGIN CREATE ROLE reader LOGIN;"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
                + " CREATE SCHEMA prompt_lab; REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        DatabaseSettings reader = new DatabaseSettings(settings.jdbcUrl(), "reader", null, new Properties(),
                "public", 2, Duration.ofSeconds(10), settings.displayUrl());

        try (Database database = Database.open(reader)) {
            assertThatThrownBy(() -> new Migrations(database).migrate())
                    .isInstanceOf(Migrations.MigrationException.class)
                    .hasMessageContaining("worker schema 'prompt_lab'")
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void existingRowsSurvive() throws SQLException {
        DatabaseSettings settings = TestPostgres.newApplicationDatabase();
        TestPostgres.execute(settings,
                "INSERT INTO \"SyntheticTask\" (\"id\", \"category\", \"inputText\") VALUES ('t1', 'coding', 'x')");

        migrate(settings);

        try (Connection connection = TestPostgres.connect(settings);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"SyntheticTask\"")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    private static void migrate(DatabaseSettings settings) {
        try (Database database = Database.open(settings)) {
            new Migrations(database).migrate();
        }
    }
}
