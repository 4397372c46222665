package dev.orbitar.promptlab.worker.store;

import dev.orbitar.promptlab.worker.scoring.ScoreCard;
import org.apache.ibatis.annotations.Param;

/** SQL over the application's "LabScore" table. */
interface LabScoreMapper {

    void insert(@Param("id") String id, @Param("labRunId") String labRunId, @Param("score") ScoreCard score);
}
