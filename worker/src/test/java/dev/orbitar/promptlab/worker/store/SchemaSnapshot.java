package dev.orbitar.promptlab.worker.store;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Describes the tables of one schema as sorted lines: columns, constraints, indexes and triggers. */
public final class SchemaSnapshot {

    private static final String COLUMNS = """
            SELECT table_name || '.' || column_name || ' #' || ordinal_position || ' ' || data_type
                   || coalesce('(' || datetime_precision || ')', '') || ' nullable=' || is_nullable
                   || ' default=' || coalesce(column_default, '-')
            FROM information_schema.columns
            WHERE table_schema = ? AND table_name = ANY (?)
            """;

    private static final String CONSTRAINTS = """
            SELECT rel.relname || ' constraint ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
            FROM pg_constraint con
            JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE ns.nspname = ? AND rel.relname = ANY (?)
            """;

    private static final String INDEXES = """
            SELECT tablename || ' index ' || indexname || ' ' || indexdef
            FROM pg_indexes
            WHERE schemaname = ? AND tablename = ANY (?)
            """;

    private static final String TRIGGERS = """
            SELECT rel.relname || ' trigger count ' || count(*)
            FROM pg_trigger trg
            JOIN pg_class rel ON rel.oid = trg.tgrelid
            JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE ns.nspname = ? AND rel.relname = ANY (?)
            GROUP BY rel.relname
            """;

    private SchemaSnapshot() {
    }

    /** Describes the named tables of a schema; the schema names in index definitions are left as they are. */
    public static List<String> of(DatabaseSettings settings, String schema, List<String> tables) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = TestPostgres.connect(settings)) {
            for (String query : List.of(COLUMNS, CONSTRAINTS, INDEXES, TRIGGERS)) {
                lines.addAll(lines(connection, query, schema, tables));
            }
        }
        lines.sort(null);
        return lines;
    }

    /** Names every relation (table, index, sequence, view) in a schema. */
    public static List<String> relations(DatabaseSettings settings, String schema) throws SQLException {
        String query = """
                SELECT c.relname || ' kind ' || c.relkind
                FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
                WHERE ns.nspname = ?
                ORDER BY 1
                """;
        List<String> lines = new ArrayList<>();
        try (Connection connection = TestPostgres.connect(settings);
                PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
        }
        return lines;
    }

    private static List<String> lines(Connection connection, String query, String schema, List<String> tables)
            throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, schema);
            statement.setArray(2, connection.createArrayOf("text", tables.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
        }
        return lines;
    }
}
