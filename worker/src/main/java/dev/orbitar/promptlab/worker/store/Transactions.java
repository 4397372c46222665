package dev.orbitar.promptlab.worker.store;

import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;

/** Runs work in one database transaction: committed when the work returns, rolled back when it throws. */
public final class Transactions {

    private static final ConnectionRetry RETRY = new ConnectionRetry(ConnectionRetry.WINDOW);

    private Transactions() {
    }

    /**
     * Runs {@code work} in a new session and commits it, or rolls it back when {@code work} throws. When the
     * connection to the server is lost, the whole transaction runs again in a new session for a bounded time (see
     * {@link ConnectionRetry}), so {@code work} must do nothing but database work.
     *
     * <p>Commit and rollback are forced. MyBatis commits or rolls back on its own only after an insert, update or
     * delete statement, and statements such as {@code UPDATE ... RETURNING} are mapped as selects. Without the
     * forced rollback, closing the session would switch auto-commit back on, which commits the open transaction.
     */
    public static <T> T inTransaction(Database database, Function<SqlSession, T> work) {
        return RETRY.call(() -> once(database, work));
    }

    private static <T> T once(Database database, Function<SqlSession, T> work) {
        try (SqlSession session = database.openSession()) {
            T result;
            try {
                result = work.apply(session);
            } catch (RuntimeException | Error e) {
                rollback(session, e);
                throw e;
            }
            session.commit(true);
            return result;
        }
    }

    // A rollback that fails too (a dropped connection) must not hide the error that caused it.
    private static void rollback(SqlSession session, Throwable cause) {
        try {
            session.rollback(true);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
