package dev.orbitar.promptlab.worker.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Inserts one batch of rows in one transaction with a JDBC batch. A row whose id is already present is left as it
 * is ({@code ON CONFLICT ("id") DO NOTHING}), so the update counts tell inserted rows from present ones.
 */
final class BatchInserter {

    private final DataSource dataSource;
    private final String sampleInsert;
    private final String syntheticInsert;
    private final String sampleInsertedCount;
    private final String syntheticInsertedCount;

    BatchInserter(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        String quotedSchema = quoteIdentifier(schema);
        sampleInsert = "INSERT INTO " + quotedSchema + ".\"PromptSample\" (\"id\", \"source\", \"category\", "
                + "\"rawText\", \"refinedText\", \"plan\", \"templateSlug\", \"templateVersion\") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (\"id\") DO NOTHING";
        syntheticInsert = "INSERT INTO " + quotedSchema + ".\"SyntheticTask\" (\"id\", \"category\", \"inputText\", "
                + "\"difficulty\", \"tags\") VALUES (?, ?, ?, ?, ?) ON CONFLICT (\"id\") DO NOTHING";
        sampleInsertedCount = insertedCountQuery(quotedSchema + ".\"PromptSample\"");
        syntheticInsertedCount = insertedCountQuery(quotedSchema + ".\"SyntheticTask\"");
    }

    /**
     * Inserts the rows, all of one kind, and returns how many were new.
     *
     * @throws SQLException when the batch fails, after rolling back the transaction so no row of the batch stays
     */
    int insert(List<ImportRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        boolean samples = rows.get(0) instanceof ImportRow.Sample;

        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                int inserted = insertInTransaction(connection, rows, samples);
                connection.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private int insertInTransaction(Connection connection, List<ImportRow> rows, boolean samples)
            throws SQLException {
        int[] counts;
        try (PreparedStatement insert = connection.prepareStatement(samples ? sampleInsert : syntheticInsert)) {
            for (ImportRow row : rows) {
                if (row instanceof ImportRow.Sample sample) {
                    bindSample(insert, sample);
                } else {
                    bindSynthetic(insert, (ImportRow.Synthetic) row);
                }
                insert.addBatch();
            }
            counts = insert.executeBatch();
        }

        int inserted = 0;
        for (int count : counts) {
            if (count == Statement.SUCCESS_NO_INFO) {
                // pgjdbc reports no counts when it rewrites the batch into multi-row inserts (reWriteBatchedInserts).
                return countInsertedByThisTransaction(connection, rows, samples);
            }
            inserted += count;
        }
        return inserted;
    }

    /** Counts the batch's rows whose creating transaction (xmin) is the current one. */
    private int countInsertedByThisTransaction(Connection connection, List<ImportRow> rows, boolean samples)
            throws SQLException {
        String[] ids = rows.stream().map(ImportRow::id).toArray(String[]::new);
        try (PreparedStatement count = connection.prepareStatement(samples ? sampleInsertedCount
                : syntheticInsertedCount)) {
            count.setArray(1, connection.createArrayOf("text", ids));
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static void bindSample(PreparedStatement insert, ImportRow.Sample row) throws SQLException {
        insert.setString(1, row.id());
        insert.setString(2, row.source());
        insert.setString(3, row.category());
        insert.setString(4, row.rawText());
        insert.setString(5, row.refinedText());
        insert.setString(6, row.plan());
        insert.setString(7, row.templateSlug());
        insert.setString(8, row.templateVersion());
    }

    private static void bindSynthetic(PreparedStatement insert, ImportRow.Synthetic row) throws SQLException {
        insert.setString(1, row.id());
        insert.setString(2, row.category());
        insert.setString(3, row.inputText());
        insert.setString(4, row.difficulty());
        insert.setString(5, row.tagsJson());
    }

    /**
     * Builds a query counting the rows created by the current transaction among the given ids. The low 32 bits of
     * txid_current() are the transaction id that PostgreSQL stores in each row's xmin.
     */
    private static String insertedCountQuery(String table) {
        // NOTE: a row frozen more than 2^32 transactions ago can carry the same 32-bit xmin, so in that rare case
        // it counts as inserted.
        return "SELECT count(*) FROM " + table + " WHERE \"id\" = ANY (?) "
                + "AND xmin::text = (txid_current() % 4294967296)::text";
    }

    static String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
