package dev.orbitar.promptlab.worker.store;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL over the worker's batch table. */
interface BatchMapper {

    void insert(@Param("batch") BatchRecord batch);

    int finish(@Param("batchId") String batchId, @Param("finishedAt") Instant finishedAt,
            @Param("status") String status, @Param("runsCreated") int runsCreated,
            @Param("scoresCreated") int scoresCreated, @Param("failures") int failures);

    /** Sets running batches that started before the lease and hold no live lease to {@code abandoned}. */
    List<String> closeOutAbandoned(@Param("leaseMillis") long leaseMillis);
}
