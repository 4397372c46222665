package dev.orbitar.promptlab.worker.batch;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.refining.RefineEngine;
import dev.orbitar.promptlab.worker.refining.RefineFailure;
import dev.orbitar.promptlab.worker.refining.RefineRequest;
import dev.orbitar.promptlab.worker.refining.Refinement;
import dev.orbitar.promptlab.worker.scoring.ScoreCard;
import dev.orbitar.promptlab.worker.scoring.Scorer;
import dev.orbitar.promptlab.worker.scoring.ScoringException;
import dev.orbitar.promptlab.worker.store.RunStore;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import dev.orbitar.promptlab.worker.templates.TemplateResolver;
import java.math.BigDecimal;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one claimed task: a pending LabRun, the refinement, its score, then the run closed as done or error. */
final class TaskProcessor {

    static final String REFINE_FAILED = "refine_failed";
    static final String SCORE_FAILED = "score_failed";

    private static final Logger log = LoggerFactory.getLogger("PromptLabRunner");

    private final TemplateResolver templates;
    private final RefineEngine engine;
    private final Scorer scorer;
    private final RunStore runs;

    TaskProcessor(TemplateResolver templates, RefineEngine engine, Scorer scorer, RunStore runs) {
        this.templates = templates;
        this.engine = engine;
        this.scorer = scorer;
        this.runs = runs;
    }

    TaskOutcome process(String batchId, LabTask task) {
        PromptTemplate template = templates.resolve(task);
        String plannedModel = engine.modelFor(task.category());
        String runId = runs.insertPending(batchId, task, template, plannedModel);

        Refinement refinement;
        try {
            refinement = engine.refine(new RefineRequest(task.id(), task.category(), task.text(), template));
        } catch (RefineFailure failure) {
            runs.markFailed(batchId, runId, task, failure.code(), null, failure.usage());
            // The engine has logged the cause; this line carries the task's outcome.
            logTask(task, template, runId, "error " + failure.code(), null);
            String stopReason = failure.stopsBatch() ? failure.code() + ": " + failure.getMessage() : null;
            return new TaskOutcome(true, false, true, costOf(failure), stopReason);
        } catch (RuntimeException e) {
            // An engine defect must not leave the run pending or end the batch.
            runs.markFailed(batchId, runId, task, REFINE_FAILED, null, null);
            logTask(task, template, runId, "error " + REFINE_FAILED, null);
            log.error("Task {} run {} refinement failed unexpectedly", task.id(), runId, e);
            return new TaskOutcome(true, false, true, null, null);
        }

        ScoreCard score;
        try {
            score = scorer.score(refinement.text(), task.category());
        } catch (ScoringException | RuntimeException e) {
            // The refinement is kept on the run so a later rescoring needs no second model call.
            runs.markFailed(batchId, runId, task, SCORE_FAILED, refinement, refinement.usage());
            logTask(task, template, runId, "error " + SCORE_FAILED, null);
            log.warn("Task {} run {} could not be scored: {}", task.id(), runId, e.getMessage());
            return new TaskOutcome(true, false, true, refinement.usage().costUsd(), null);
        }

        runs.completeWithScore(batchId, runId, task, refinement, score);
        logTask(task, template, runId, "done", score);
        return new TaskOutcome(true, true, false, refinement.usage().costUsd(), null);
    }

    private static BigDecimal costOf(RefineFailure failure) {
        return failure.usage() == null ? null : failure.usage().costUsd();
    }

    private static void logTask(LabTask task, PromptTemplate template, String runId, String status, ScoreCard score) {
        String overall = score == null ? "-" : String.format(Locale.ROOT, "%.3f", score.overall());
        log.info("Task {} ({}) {}@{}: {} overall={} run={}", task.id(), task.kind().wireValue(), template.slug(),
                template.version(), status, overall, runId);
    }
}
