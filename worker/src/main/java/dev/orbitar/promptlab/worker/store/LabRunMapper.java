package dev.orbitar.promptlab.worker.store;

import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL over the application's "LabRun" table. */
interface LabRunMapper {

    void insertPending(@Param("id") String id, @Param("templateSlug") String templateSlug,
            @Param("templateVersion") String templateVersion, @Param("taskType") String taskType,
            @Param("syntheticTaskId") String syntheticTaskId, @Param("promptSampleId") String promptSampleId,
            @Param("modelName") String modelName);

    /** Sets a pending run done; returns 0 when the run is not pending (closed out as abandoned, or already ended). */
    int markDone(@Param("id") String id, @Param("refinedPrompt") String refinedPrompt,
            @Param("modelName") String modelName);

    /** Sets a pending run error; a null prompt or model keeps the stored value. Returns 0 when not pending. */
    int markError(@Param("id") String id, @Param("errorCode") String errorCode,
            @Param("refinedPrompt") String refinedPrompt, @Param("modelName") String modelName);

    /** Sets runs left pending by batches whose leases all expired to error {@code abandoned}; returns their ids. */
    List<String> closeOutStranded(@Param("leaseMillis") long leaseMillis);

    /** Sets the batch's runs that are still pending to error {@code errorCode}; returns their ids. */
    List<String> closeOutBatch(@Param("batchId") String batchId, @Param("errorCode") String errorCode);
}
