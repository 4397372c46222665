package dev.orbitar.promptlab.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    private DatabaseSettings settings;
    private Database database;

    @BeforeEach
    void setUp() {
        settings = TestPostgres.newDatabase();
        database = Database.open(settings);
        new Migrations(database).migrate();
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void firstLoadInsertsRows() throws SQLException {
        boolean loaded = new DemoData(database).loadOnce();

        assertThat(loaded).isTrue();
        assertThat(strings("SELECT \"id\" FROM \"SyntheticTask\"")).hasSize(24);
        assertThat(strings("SELECT \"id\" FROM \"PromptSample\"")).hasSize(12);
    }

    @Test
    void secondLoadDoesNothing() throws SQLException {
        new DemoData(database).loadOnce();

        boolean loadedAgain = new DemoData(database).loadOnce();

        assertThat(loadedAgain).isFalse();
        assertThat(strings("SELECT \"id\" FROM \"SyntheticTask\"")).hasSize(24);
    }

    @Test
    void deletedDemoRowsStayDeleted() throws SQLException {
        new DemoData(database).loadOnce();
        TestPostgres.execute(settings, "DELETE FROM \"SyntheticTask\"");

        new DemoData(database).loadOnce();

        assertThat(strings("SELECT \"id\" FROM \"SyntheticTask\"")).isEmpty();
    }

    @Test
    void everyCategoryIsCovered() throws SQLException {
        new DemoData(database).loadOnce();

        assertThat(new HashSet<>(strings("SELECT \"category\" FROM \"SyntheticTask\""))).containsExactlyInAnyOrder(
                "coding", "writing", "planning", "research", "creative", "communication", "general");
    }

    @Test
    void tagsAreJsonArrays() throws Exception {
        new DemoData(database).loadOnce();

        List<String> tags = strings("SELECT \"tags\" FROM \"SyntheticTask\" WHERE \"tags\" IS NOT NULL");
        assertThat(tags).isNotEmpty();
        for (String text : tags) {
            assertThat(new ObjectMapper().readTree(text).isArray()).as(text).isTrue();
        }
    }

    @Test
    void samplesCoverPlansAndTemplates() throws SQLException {
        new DemoData(database).loadOnce();

        Set<String> plans = new HashSet<>(strings("SELECT \"plan\" FROM \"PromptSample\""));
        List<String> templates = strings(
                "SELECT \"templateSlug\" || '@' || \"templateVersion\" FROM \"PromptSample\"");
        assertThat(plans).containsExactlyInAnyOrder("free", "light", "pro", "admin");
        assertThat(templates).contains("coding_feature_default@1.0.0");
        assertThat(strings("SELECT \"id\" FROM \"PromptSample\" WHERE \"templateSlug\" IS NULL")).isNotEmpty();
    }

    @Test
    void rowIdsAreCuidLike() throws SQLException {
        new DemoData(database).loadOnce();

        assertThat(strings("SELECT \"id\" FROM \"PromptSample\"")).allMatch(id -> id.matches("c[0-9a-z]{24}"));
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = TestPostgres.connect(settings);
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
