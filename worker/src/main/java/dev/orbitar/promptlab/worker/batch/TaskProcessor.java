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
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed task through each template version its plan names: per version a pending LabRun, the
 * refinement, its score, then the run closed as done or error. The task's claim is finished with its last run, so
 * no other batch can claim the task while its other runs are still to come.
 */
final class TaskProcessor {

    static final String REFINE_FAILED = "refine_failed";
    static final String SCORE_FAILED = "score_failed";

    private static final Logger log = LoggerFactory.getLogger("PromptLabRunner");

    private final RunPlanner planner;
    private final RefineEngine engine;
    private final Scorer scorer;
    private final RunStore runs;

    TaskProcessor(RunPlanner planner, RefineEngine engine, Scorer scorer, RunStore runs) {
        this.planner = planner;
        this.engine = engine;
        this.scorer = scorer;
        this.runs = runs;
    }

    TaskOutcome process(String batchId, LabTask task) {
        List<PromptTemplate> templates = planner.templatesFor(task);
        TaskOutcome total = TaskOutcome.NONE;
        for (int i = 0; i < templates.size(); i++) {
            TaskOutcome outcome = runOnce(batchId, task, templates.get(i), i == templates.size() - 1);
            total = total.plus(outcome);

            // A failure that stops the batch would repeat for the task's other versions. runOnce has already
            // finished the claim, so the task rotates like any other task that ran.
            if (outcome.stopReason() != null) {
                break;
            }
        }
        return total;
    }

    private TaskOutcome runOnce(String batchId, LabTask task, PromptTemplate template, boolean lastRun) {
        String plannedModel = engine.modelFor(task.category());
        String runId = runs.insertPending(batchId, task, template, plannedModel);

        Refinement refinement;
        try {
            refinement = engine.refine(new RefineRequest(task.id(), task.category(), task.text(), template));
        } catch (RefineFailure failure) {
            runs.markFailed(batchId, runId, task, failure.code(), null, failure.usage(),
                    lastRun || failure.stopsBatch());
            // The engine has logged the cause; this line carries the task's outcome.
            logTask(task, template, runId, "error " + failure.code(), null);
            String stopReason = failure.stopsBatch() ? failure.code() + ": " + failure.getMessage() : null;
            return new TaskOutcome(1, 0, 1, costOf(failure), stopReason);
        } catch (RuntimeException e) {
            // An engine defect must not leave the run pending or end the batch.
            runs.markFailed(batchId, runId, task, REFINE_FAILED, null, null, lastRun);
            logTask(task, template, runId, "error " + REFINE_FAILED, null);
            log.error("Task {} run {} refinement failed unexpectedly", task.id(), runId, e);
            return new TaskOutcome(1, 0, 1, null, null);
        }

        ScoreCard score;
        try {
            score = scorer.score(refinement.text(), task.category());
        } catch (ScoringException | RuntimeException e) {
            // The refinement is kept on the run so a later rescoring needs no second model call.
            runs.markFailed(batchId, runId, task, SCORE_FAILED, refinement, refinement.usage(), lastRun);
            logTask(task, template, runId, "error " + SCORE_FAILED, null);
            log.warn("Task {} run {} could not be scored: {}", task.id(), runId, e.getMessage());
            return new TaskOutcome(1, 0, 1, refinement.usage().costUsd(), null);
        }

        runs.completeWithScore(batchId, runId, task, refinement, score, lastRun);
        logTask(task, template, runId, "done", score);
        return new TaskOutcome(1, 1, 0, refinement.usage().costUsd(), null);
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
