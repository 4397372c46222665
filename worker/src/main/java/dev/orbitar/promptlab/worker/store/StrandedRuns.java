package dev.orbitar.promptlab.worker.store;

import dev.orbitar.promptlab.worker.picking.TaskClaimMapper;
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

    /** The error code of a run whose batch was stopped (SIGTERM) before the run finished. */
    public static final String INTERRUPTED = "interrupted";

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
        return closeOutExpired(lease);
    }

    /**
     * Closes out one batch of this process that is being stopped before it finished: its pending runs become error
     * {@value #INTERRUPTED} and every claim it still holds is released, so the next batch picks those tasks first.
     * Returns the LabRun ids set to error.
     */
    public List<String> closeOutBatch(String batchId) {
        List<String> runIds = Transactions.inTransaction(database, session -> {
            List<String> closed = session.getMapper(LabRunMapper.class).closeOutBatch(batchId, INTERRUPTED);
            session.getMapper(TaskClaimMapper.class).releaseBatch(batchId);
            return closed;
        });
        log.warn("Batch {} was cut short: {} unfinished LabRun(s) set to error {} and its claims released: {}",
                batchId, runIds.size(), INTERRUPTED, runIds);
        return runIds;
    }

    private CloseOut closeOutExpired(Duration lease) {
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
