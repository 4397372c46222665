package dev.orbitar.promptlab.worker.store;

import dev.orbitar.promptlab.worker.picking.TaskKind;
import dev.orbitar.promptlab.worker.refining.RefineUsage;
import org.apache.ibatis.annotations.Param;

/** SQL over the worker's batch_run and run_usage tables: which batch made a run, and what the run cost. */
interface RunUsageMapper {

    void insertBatchRun(@Param("runId") String runId, @Param("batchId") String batchId,
            @Param("kind") TaskKind kind, @Param("taskId") String taskId);

    void finishBatchRun(@Param("runId") String runId);

    void insertUsage(@Param("runId") String runId, @Param("batchId") String batchId,
            @Param("usage") RefineUsage usage);
}
