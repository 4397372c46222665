package dev.orbitar.promptlab.worker.batch;

import dev.orbitar.promptlab.worker.picking.LabTask;
import dev.orbitar.promptlab.worker.picking.TaskPicker;
import dev.orbitar.promptlab.worker.refining.RefineEngine;
import dev.orbitar.promptlab.worker.store.BatchLedger;
import dev.orbitar.promptlab.worker.store.BatchRecord;
import dev.orbitar.promptlab.worker.templates.PromptTemplate;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one Lab batch: claims tasks, runs them with bounded concurrency while renewing their leases, gives back what
 * it did not start, and returns the summary. Every task is its own unit of work, so one failed task never undoes
 * another. A runner serves one batch: a stop request stays in force for its lifetime.
 */
public final class BatchRunner {

    private static final Logger log = LoggerFactory.getLogger("PromptLabRunner");

    private final TaskPicker picker;
    private final BatchLedger ledger;
    private final RunPlanner planner;
    private final RefineEngine engine;
    private final TaskProcessor processor;
    private final Clock clock;
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    // The running batch's counts so far, for a shutdown that cannot wait for it to end.
    private volatile Tally progress;
    private volatile int claimedCount;
    // The lease renewals of the running batch, or null before the claim and for a batch that claimed nothing.
    private volatile LeaseHeartbeat heartbeat;

    /** The first stop request of the batch; later ones do not replace it. */
    private record Stop(StopCause cause, String reason) {
    }

    public BatchRunner(TaskPicker picker, BatchLedger ledger, TaskProcessorParts parts, Clock clock) {
        this.picker = picker;
        this.ledger = ledger;
        this.planner = parts.planner();
        this.engine = parts.engine();
        this.processor = new TaskProcessor(parts.planner(), parts.engine(), parts.scorer(), parts.runs());
        this.clock = clock;
    }

    /**
     * Asks the batch to start no new task; tasks already running finish. Safe to call from any thread, e.g. a
     * shutdown hook.
     */
    public void requestStop(String reason) {
        requestStop(StopCause.SHUTDOWN, reason);
    }

    private boolean requestStop(StopCause cause, String reason) {
        return stop.compareAndSet(null, new Stop(cause, reason));
    }

    /** Runs the batch to the end, or until a stop is requested, and returns its summary. */
    public BatchSummary run(BatchRecord batch, BatchOptions options) {
        if (options.dryRun()) {
            return dryRun(batch, options);
        }

        ledger.started(batch);
        List<LabTask> claimed = picker.claim(batch.batchId(), options.batchLimit(), options.lease());
        log.info("Batch {} claimed {} tasks (limit {}, lease {}s)", batch.batchId(), claimed.size(),
                options.batchLimit(), options.lease().toSeconds());

        claimedCount = claimed.size();
        Tally tally = new Tally();
        progress = tally;
        if (!claimed.isEmpty()) {
            heartbeat = LeaseHeartbeat.start(picker, batch.batchId(), options.lease());
        }
        try {
            runAll(batch.batchId(), claimed, options, tally);
        } finally {
            stopHeartbeat();
        }

        if (!tally.unstarted.isEmpty()) {
            picker.release(batch.batchId(), tally.unstarted);
        }

        Stop stopped = stop.get();
        BatchSummary summary = new BatchSummary(batch.batchId(), claimed.size(), tally.runs.get(),
                tally.scores.get(), tally.failures.get(), tally.unstarted.size(),
                stopped == null ? null : stopped.cause(), stopped == null ? null : stopped.reason());
        ledger.finished(batch.batchId(), clock.instant(), summary.status(), summary.runsCreated(),
                summary.scoresCreated(), summary.failures());
        log.info("[PromptLabRunner] Lab batch completed { runsCreated: {}, scoresCreated: {} }",
                summary.runsCreated(), summary.scoresCreated());
        return summary;
    }

    /**
     * Records the end of a batch that a shutdown cuts short while some of its tasks still run, and returns its
     * summary. Call it after those tasks' runs were closed out as {@code interruptedRuns} error runs: they count as
     * runs created and failures, and every other claimed task that did not finish counts as released. The batch
     * ends as {@code stopped}, unless it had claimed nothing yet (a dry run, or a stop before the claim), which leaves
     * its record to the close-out of abandoned batches. It does not wait for the running tasks, whose own writes
     * then fail.
     */
    public BatchSummary recordCutShort(String batchId, int interruptedRuns) {
        stopHeartbeat();
        Tally tally = progress;
        boolean claimed = tally != null;
        if (!claimed) {
            tally = new Tally();
        }
        Stop stopped = stop.get();
        StopCause cause = stopped == null ? StopCause.SHUTDOWN : stopped.cause();
        String reason = stopped == null ? "shutdown" : stopped.reason();

        int runs = tally.runs.get() + interruptedRuns;
        int failures = tally.failures.get() + interruptedRuns;
        int released = Math.max(0, claimedCount - runs);
        BatchSummary summary = new BatchSummary(batchId, claimedCount, runs, tally.scores.get(), failures, released,
                cause, reason);
        if (claimed) {
            ledger.finished(batchId, clock.instant(), summary.status(), summary.runsCreated(),
                    summary.scoresCreated(), summary.failures());
        }
        return summary;
    }

    private void stopHeartbeat() {
        LeaseHeartbeat running = heartbeat;
        if (running != null) {
            running.stop();
        }
    }

    private void runAll(String batchId, List<LabTask> claimed, BatchOptions options, Tally tally) {
        int threads = Math.max(1, Math.min(options.concurrency(), claimed.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "lab-task");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (LabTask task : claimed) {
                futures.add(pool.submit(() -> withLogContext(logContext, () -> runOne(batchId, task, options,
                        tally))));
            }
            awaitAll(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the task with the batch's log context (batch id, trace), which pool threads do not inherit. */
    private static void withLogContext(Map<String, String> context, Runnable task) {
        if (context != null) {
            MDC.setContextMap(context);
        }
        try {
            task.run();
        } finally {
            MDC.clear();
        }
    }

    private void runOne(String batchId, LabTask task, BatchOptions options, Tally tally) {
        if (stop.get() != null) {
            tally.markUnstarted(task);
            return;
        }

        TaskOutcome outcome = processor.process(batchId, task);

        tally.add(outcome);
        if (outcome.stopReason() != null && requestStop(StopCause.PROVIDER_REFUSAL, outcome.stopReason())) {
            log.error("Batch {} stops early: {}. Unstarted tasks are released for a later batch.", batchId,
                    outcome.stopReason());
        }
        BigDecimal budget = options.budgetUsd();
        if (budget != null && tally.cost().compareTo(budget) >= 0
                && requestStop(StopCause.BUDGET, "budget of " + budget.toPlainString() + " USD reached")) {
            log.warn("Batch {} reached its budget of {} USD after spending {} USD; no new task starts", batchId,
                    budget.toPlainString(), tally.cost().toPlainString());
        }
    }

    private BatchSummary dryRun(BatchRecord batch, BatchOptions options) {
        List<LabTask> next = picker.preview(options.batchLimit());
        for (LabTask task : next) {
            for (PromptTemplate template : planner.templatesFor(task)) {
                log.info("Dry run: would run task {} ({}) with {}@{} on model {}", task.id(),
                        task.kind().wireValue(), template.slug(), template.version(), engine.modelFor(task.category()));
            }
        }
        log.info("Dry run: nothing was written; {} tasks would have been claimed", next.size());
        log.info("[PromptLabRunner] Lab batch completed { runsCreated: 0, scoresCreated: 0 }");
        return new BatchSummary(batch.batchId(), next.size(), 0, 0, 0, 0, null, null);
    }

    /**
     * Waits for every task, so that tasks still running finish their writes, then reports the first task that could
     * not be recorded.
     */
    private void awaitAll(List<Future<?>> futures) {
        Throwable firstFailure = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BatchFailedException("Interrupted while waiting for the batch's tasks", e);
            } catch (ExecutionException e) {
                if (firstFailure == null) {
                    firstFailure = e.getCause();
                    // A task that cannot be recorded (the database is gone) means the others cannot either.
                    requestStop(StopCause.STORE_FAILURE, "a task could not be recorded");
                }
            }
        }
        if (firstFailure != null) {
            throw new BatchFailedException("A task could not be recorded: " + rootMessage(firstFailure),
                    firstFailure);
        }
    }

    /** Returns the innermost message: MyBatis's own message spans several lines and repeats the SQL. */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    /** Counters shared by the task threads. */
    private static final class Tally {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger scores = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final List<LabTask> unstarted = new ArrayList<>();
        private BigDecimal cost = BigDecimal.ZERO;

        synchronized void markUnstarted(LabTask task) {
            unstarted.add(task);
        }

        synchronized void add(TaskOutcome outcome) {
            runs.addAndGet(outcome.runsCreated());
            scores.addAndGet(outcome.scoresCreated());
            failures.addAndGet(outcome.failures());
            if (outcome.costUsd() != null) {
                cost = cost.add(outcome.costUsd());
            }
        }

        synchronized BigDecimal cost() {
            return cost;
        }
    }
}
