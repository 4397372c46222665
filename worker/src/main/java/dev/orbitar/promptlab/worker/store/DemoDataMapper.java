package dev.orbitar.promptlab.worker.store;

import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL for loading demo tasks and recording one-time milestones. */
interface DemoDataMapper {

    /** Records a milestone; returns 1 the first time and 0 when it was already reached. */
    int reachMilestone(@Param("name") String name);

    void insertSyntheticTask(@Param("id") String id, @Param("category") String category,
            @Param("inputText") String inputText, @Param("difficulty") String difficulty,
            @Param("tags") List<String> tags);

    void insertPromptSample(@Param("id") String id, @Param("source") String source,
            @Param("category") String category, @Param("rawText") String rawText,
            @Param("refinedText") String refinedText, @Param("plan") String plan,
            @Param("templateSlug") String templateSlug, @Param("templateVersion") String templateVersion);
}
