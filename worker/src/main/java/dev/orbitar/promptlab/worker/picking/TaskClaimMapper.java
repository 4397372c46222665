package dev.orbitar.promptlab.worker.picking;

import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * SQL over the worker's task_claim and task_discovery tables, joined to the application's task tables.
 * Public only because the store finishes a claim in the same transaction as the run it belongs to.
 */
public interface TaskClaimMapper {

    /** The discovery position in one task table: the tail's highest id and the next sweep slice's start. */
    record DiscoveryCursor(String tailId, String sweepId) {
    }

    /** The result of scanning a slice of an application table: its highest id (null when empty) and its size. */
    record ScanResult(String lastId, int seen) {
    }

    /** Locks the kind's discovery cursor until the transaction ends, waiting while another picker holds it. */
    DiscoveryCursor lockCursor(@Param("kind") TaskKind kind);

    /** Registers tasks whose id sorts after {@code afterId} (new rows, when ids grow over time). */
    ScanResult registerAfter(@Param("kind") TaskKind kind, @Param("afterId") String afterId,
            @Param("limit") int limit);

    /**
     * Registers the unknown tasks in the slice of ids after {@code afterId}, and removes registered tasks in that
     * range whose row was deleted.
     */
    ScanResult sweepAfter(@Param("kind") TaskKind kind, @Param("afterId") String afterId, @Param("limit") int limit);

    void updateCursor(@Param("kind") TaskKind kind, @Param("tailId") String tailId, @Param("sweepId") String sweepId);

    List<LabTask> claimSynthetic(@Param("batchId") String batchId, @Param("limit") int limit,
            @Param("leaseMillis") long leaseMillis);

    List<LabTask> claimSamples(@Param("batchId") String batchId, @Param("limit") int limit,
            @Param("leaseMillis") long leaseMillis);

    int release(@Param("batchId") String batchId, @Param("kind") TaskKind kind,
            @Param("taskIds") List<String> taskIds);

    /** Extends every live lease the batch holds to {@code leaseMillis} from now; returns how many. */
    int renew(@Param("batchId") String batchId, @Param("leaseMillis") long leaseMillis);

    /** Gives back every claim the batch still holds; returns how many. */
    int releaseBatch(@Param("batchId") String batchId);

    /**
     * Records that the task ran now and ends the batch's lease on it. A lease that another batch took over after
     * this batch's lease expired is left with that batch.
     */
    void finish(@Param("kind") TaskKind kind, @Param("taskId") String taskId, @Param("batchId") String batchId);
}
