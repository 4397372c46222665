package dev.orbitar.promptlab.worker.experiments;

import dev.orbitar.promptlab.worker.report.ReportMapper;
import dev.orbitar.promptlab.worker.store.UtcInstantTypeHandler;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * Reads the runs of one experiment for the report: the worker's {@code experiment_run} rows joined with their
 * LabRun, latest LabScore and usage. Both schema names arrive as quoted identifiers because SQL cannot bind an
 * identifier as a parameter.
 */
public interface ExperimentReportMapper {

    /** Selects the experiment's runs created in the window (either bound may be null), oldest first. */
    @Select("<script>\nSELECT e.arm AS arm,\n" + ReportMapper.RUN_COLUMNS
            + "  FROM ${workerSchema}.experiment_run e\n  JOIN ${appSchema}.\"LabRun\" r ON r.\"id\" = e.run_id\n"
            + ReportMapper.RUN_JOINS + """
             WHERE e.experiment = #{experiment}
              <if test="since != null">AND r."createdAt" &gt;= #{since,typeHandler=dev.orbitar.promptlab.worker.store.UtcInstantTypeHandler}</if>
              <if test="until != null">AND r."createdAt" &lt; #{until,typeHandler=dev.orbitar.promptlab.worker.store.UtcInstantTypeHandler}</if>
             ORDER BY r."createdAt", r."id"
            </script>
            """)
    @ConstructorArgs({
        @Arg(column = "arm", javaType = String.class),
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
    List<ExperimentRun> selectRuns(
            @Param("appSchema") String quotedAppSchema,
            @Param("workerSchema") String quotedWorkerSchema,
            @Param("experiment") String experiment,
            @Param("since") Instant since,
            @Param("until") Instant until);
}
