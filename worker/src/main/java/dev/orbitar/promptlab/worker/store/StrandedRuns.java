package dev.orbitar.promptlab.worker.store;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes out what killed batches left behind: their pending LabRuns become error {@code abandoned}, and their batch
 * rows {@code abandoned}. Meant to run at the start of each batch, with the lease the batches use.
 */
public final class StrandedRuns {

    private static final Logger log = LoggerFactory.getLogger(StrandedRuns.class);

    private final Database database;

    public StrandedRuns(Database database) {
        this.database = database;
    }

    /** Result of one close-out: the LabRun ids set to error and the batch ids set to abandoned. */
    public record CloseOut(List<String> runIds, List<String> batchIds) {
    }

    /**
     * Closes out pending runs started longer than {@code lease} ago by batches that hold no live lease, and the
     * running batches in the same state. Runs of live batches and runs younger than the lease are left alone.
     */
    public CloseOut closeOut(Duration lease) {
        long leaseMillis = lease.toMillis();
        CloseOut result = Transactions.inTransaction(database, session -> new CloseOut(
                session.getMapper(LabRunMapper.class).closeOutStranded(leaseMillis),
                session.getMapper(BatchMapper.class).closeOutAbandoned(leaseMillis)));

        if (!result.runIds().isEmpty() || !result.batchIds().isEmpty()) {
            log.warn("Closed out abandoned batch(es) {} and {} stranded LabRun(s), now error abandoned: {}",
                    result.batchIds(), result.runIds().size(), result.runIds());
        }
        return result;
    }
}
