package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.picking.TaskKind;
import org.apache.ibatis.annotations.Param;

/** SQL over the worker's experiment_run table: which experiment and arm each LabRun belongs to. */
public interface ExperimentRunMapper {

    void insert(@Param("runId") String runId, @Param("experiment") String experiment, @Param("arm") String arm,
            @Param("templateSlug") String templateSlug, @Param("templateVersion") String templateVersion,
            @Param("batchId") String batchId, @Param("kind") TaskKind kind, @Param("taskId") String taskId);
}
