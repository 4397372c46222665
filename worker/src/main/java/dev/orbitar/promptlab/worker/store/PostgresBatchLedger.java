package dev.orbitar.promptlab.worker.store;

import java.time.Instant;
import java.util.Set;

/** Records batches in the worker's batch table. */
public final class PostgresBatchLedger implements BatchLedger {

    private static final Set<String> END_STATUSES = Set.of("completed", "stopped", "failed");

    private final Database database;

    public PostgresBatchLedger(Database database) {
        this.database = database;
    }

    @Override
    public void started(BatchRecord batch) {
        Transactions.inTransaction(database, session -> {
            session.getMapper(BatchMapper.class).insert(batch);
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Overwrites {@code abandoned} too: a batch closed out while it was still alive records how it really ended.
     *
     * @throws IllegalArgumentException when the status is not one of the three above
     * @throws IllegalStateException when no batch has that id
     */
    @Override
    public void finished(String batchId, Instant finishedAt, String status, int runsCreated, int scoresCreated,
            int failures) {
        if (!END_STATUSES.contains(status)) {
            throw new IllegalArgumentException("Batch status '" + status + "' is not an end status: use completed,"
                    + " stopped or failed");
        }

        int updated = Transactions.inTransaction(database, session -> session.getMapper(BatchMapper.class)
                .finish(batchId, finishedAt, status, runsCreated, scoresCreated, failures));
        if (updated == 0) {
            throw new IllegalStateException("Batch " + batchId + " was not found; record its start with started()"
                    + " before finished()");
        }
    }
}
