package dev.orbitar.promptlab.worker.picking;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.store.Ids;
import dev.orbitar.promptlab.worker.store.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Inserts rows into the application's task tables for picking tests. */
final class TaskRows {

    private TaskRows() {
    }

    /** Inserts synthetic tasks with new ids and returns the ids in insertion order. */
    static List<String> synthetic(DatabaseSettings settings, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(Ids.next());
        }
        insertSynthetic(settings, ids);
        return ids;
    }

    /** Inserts synthetic tasks with the given ids. */
    static void insertSynthetic(DatabaseSettings settings, List<String> ids) {
        String sql = "INSERT INTO \"SyntheticTask\" (\"id\", \"category\", \"inputText\") VALUES (?, 'coding', ?)";
        insert(settings, sql, ids);
    }

    /** Inserts samples with new ids and returns the ids in insertion order. */
    static List<String> samples(DatabaseSettings settings, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(Ids.next());
        }
        String sql = "INSERT INTO \"PromptSample\" (\"id\", \"source\", \"category\", \"rawText\", \"plan\")"
                + " VALUES (?, 'internal', 'writing', ?, 'free')";
        insert(settings, sql, ids);
        return ids;
    }

    private static void insert(DatabaseSettings settings, String sql, List<String> ids) {
        try (Connection connection = TestPostgres.connect(settings);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (String id : ids) {
                statement.setString(1, id);
                statement.setString(2, "text of " + id);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot insert test tasks: " + e.getMessage(), e);
        }
    }
}
