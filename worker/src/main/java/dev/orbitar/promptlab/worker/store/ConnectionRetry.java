package dev.orbitar.promptlab.worker.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs database work again when it failed because the server could not be reached or ended the session (a restart,
 * a failover, a dropped network path), until it succeeds or a time window since the first failure has passed. Other
 * errors, such as a constraint violation or a rejected password, are thrown at once.
 *
 * <p>The work must be safe to run again after a failure, which holds for one transaction that was rolled back.
 * NOTE: when the connection drops while a commit is in flight, the commit may have happened. The next attempt then
 * finds its own writes (a duplicate key, or a run no longer pending) and fails with that error instead.
 */
final class ConnectionRetry {

    /**
     * How long work is retried after its first connection failure, meant to outlast a server restart or a short
     * failover. A longer outage ends the batch, and a later batch closes out what this one left.
     */
    static final Duration WINDOW = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ConnectionRetry.class);
    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long MAX_PAUSE_MILLIS = 2_000;

    private final Duration window;

    ConnectionRetry(Duration window) {
        this.window = window;
    }

    /** Runs {@code work}, running it again after connection failures until it succeeds or the window ends. */
    <T> T call(Supplier<T> work) {
        long deadline = 0;
        long pauseMillis = FIRST_PAUSE_MILLIS;
        int retries = 0;
        while (true) {
            try {
                T result = work.get();
                if (retries > 0) {
                    log.info("Database reachable again; the work went through after {} retries", retries);
                }
                return result;
            } catch (RuntimeException e) {
                if (!isConnectionFailure(e)) {
                    throw e;
                }

                long now = System.nanoTime();
                if (retries == 0) {
                    deadline = now + window.toNanos();
                    log.warn("Lost the database connection ({}); retrying for up to {} s", rootMessage(e),
                            window.toSeconds());
                }
                if (now + pauseMillis * 1_000_000 > deadline || !pause(pauseMillis)) {
                    log.error("Database still unreachable after {} s; giving up: {}", window.toSeconds(),
                            rootMessage(e));
                    throw e;
                }
                retries++;
                pauseMillis = Math.min(MAX_PAUSE_MILLIS, pauseMillis * 2);
            }
        }
    }

    /**
     * Returns whether an error means that the session to the server was lost or could not be opened. These are
     * SQLSTATE class 08 (connection exception) and 57P01 to 57P03 (server shutting down, crashed, or starting up),
     * and the pool timing out while it waits for a connection.
     */
    static boolean isConnectionFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
    }
}
