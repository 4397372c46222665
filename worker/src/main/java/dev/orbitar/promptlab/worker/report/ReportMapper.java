package dev.orbitar.promptlab.worker.report;

import dev.orbitar.promptlab.worker.store.UtcInstantTypeHandler;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * Reads the runs a report covers. This is the report's only SQL, and its only statement that touches the
 * worker's schema (the {@code run_usage} table), so table and column names of that schema live here alone.
 *
 * <p>NOTE: the statement fails when the worker's schema has no {@code run_usage} table yet, e.g. on an
 * application database the worker's migrations never ran on.
 *
 * <p>Both schema names arrive as quoted identifiers ({@link RunReader#quoteIdentifier}) because SQL cannot bind
 * an identifier as a parameter.
 */
public interface ReportMapper {

    /**
     * The columns every report reads of a LabRun, as {@link RunRow} takes them: the run, its task's category, its
     * latest LabScore when done, and its usage. They read the aliases r (LabRun) and those of {@link #RUN_JOINS}.
     */
    String RUN_COLUMNS = """
                   r."id"              AS run_id,
                   r."templateSlug"    AS template_slug,
                   r."templateVersion" AS template_version,
                   r."taskType"        AS task_type,
                   r."syntheticTaskId" AS synthetic_task_id,
                   r."promptSampleId"  AS prompt_sample_id,
                   r."modelName"       AS model_name,
                   r."status"          AS status,
                   r."createdAt"       AS created_at,
                   COALESCE(st."category", ps."category") AS category,
                   s."structureScore"  AS structure_score,
                   s."contractScore"   AS contract_score,
                   s."domainScore"     AS domain_score,
                   s."overallScore"    AS overall_score,
                   u.engine            AS engine,
                   u.latency_ms        AS latency_ms,
                   u.cost_usd          AS cost_usd
            """;

    /** The joins {@link #RUN_COLUMNS} reads from, placed after the LabRun table aliased r. */
    String RUN_JOINS = """
              LEFT JOIN ${appSchema}."SyntheticTask" st ON st."id" = r."syntheticTaskId"
              LEFT JOIN ${appSchema}."PromptSample" ps ON ps."id" = r."promptSampleId"
              LEFT JOIN LATERAL (
                    SELECT ls."structureScore", ls."contractScore", ls."domainScore", ls."overallScore"
                      FROM ${appSchema}."LabScore" ls
                     WHERE ls."labRunId" = r."id"
                     ORDER BY ls."createdAt" DESC, ls."id" DESC
                     LIMIT 1) s ON r."status" = 'done'
              LEFT JOIN ${workerSchema}.run_usage u ON u.run_id = r."id"
            """;

    /**
     * Selects every LabRun matching the filter, oldest first, with its task's category, its latest LabScore when
     * the run is done, and its usage row when there is one.
     */
    @Select("<script>\nSELECT " + RUN_COLUMNS + "  FROM ${appSchema}.\"LabRun\" r\n" + RUN_JOINS + """
            <where>
              <if test="since != null">AND r."createdAt" &gt;= #{since,typeHandler=dev.orbitar.promptlab.worker.store.UtcInstantTypeHandler}</if>
              <if test="until != null">AND r."createdAt" &lt; #{until,typeHandler=dev.orbitar.promptlab.worker.store.UtcInstantTypeHandler}</if>
              <if test="category != null">AND COALESCE(st."category", ps."category") = #{category}</if>
              <if test="model != null">AND r."modelName" = #{model}</if>
              <if test="engine != null">AND u.engine = #{engine}</if>
            </where>
             ORDER BY r."createdAt", r."id"
            </script>
            """)
    @ConstructorArgs({
        @Arg(column = "run_id", javaType = String.class),
        @Arg(column = "template_slug", javaType = String.class),
        @Arg(column = "template_version", javaType = String.class),
        @Arg(column = "task_type", javaType = String.class),
        @Arg(column = "synthetic_task_id", javaType = String.class),
        @Arg(column = "prompt_sample_id", javaType = String.class),
        @Arg(column = "model_name", javaType = String.class),
        @Arg(column = "status", javaType = String.class),
        @Arg(column = "created_at", javaType = Instant.class, typeHandler = UtcInstantTypeHandler.class),
        @Arg(column = "category", javaType = String.class),
        @Arg(column = "structure_score", javaType = Double.class),
        @Arg(column = "contract_score", javaType = Double.class),
        @Arg(column = "domain_score", javaType = Double.class),
        @Arg(column = "overall_score", javaType = Double.class),
        @Arg(column = "engine", javaType = String.class),
        @Arg(column = "latency_ms", javaType = Long.class),
        @Arg(column = "cost_usd", javaType = BigDecimal.class)
    })
    List<RunRow> selectRuns(
            @Param("appSchema") String quotedAppSchema,
            @Param("workerSchema") String quotedWorkerSchema,
            @Param("since") Instant since,
            @Param("until") Instant until,
            @Param("category") String category,
            @Param("model") String model,
            @Param("engine") String engine);
}
