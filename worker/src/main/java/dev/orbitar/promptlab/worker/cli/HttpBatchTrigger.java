package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.batch.BatchSummary;
import dev.orbitar.promptlab.worker.http.BatchCutShortException;
import dev.orbitar.promptlab.worker.http.BatchTrigger;
import dev.orbitar.promptlab.worker.http.TriggerContext;
import dev.orbitar.promptlab.worker.lab.BatchLauncher;
import dev.orbitar.promptlab.worker.lab.BatchLauncher.PreparedBatch;
import dev.orbitar.promptlab.worker.runtime.RunOrigin;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one batch per request with the old worker's log lines. The batch runs on its own thread while the request
 * thread waits for its outcome, so that a batch cut short on SIGTERM still gets a response while its tasks hang.
 */
final class HttpBatchTrigger implements BatchTrigger {

    private static final Logger cron = LoggerFactory.getLogger("PromptLabCron");

    private final BatchLauncher launcher;
    private final WorkerSettings settings;
    private final AtomicReference<RunningBatch> running = new AtomicReference<>();

    HttpBatchTrigger(BatchLauncher launcher, WorkerSettings settings) {
        this.launcher = launcher;
        this.settings = settings;
    }

    /** One batch in flight, and the outcome its request waits for: a summary or the cut-short failure. */
    private record RunningBatch(PreparedBatch batch, CompletableFuture<BatchSummary> outcome) {
    }

    @Override
    public BatchSummary runBatch(TriggerContext context) {
        int limit = context.batchLimit().orElse(settings.batchLimit());
        Map<String, String> origin = new HashMap<>(RunOrigin.current().toMap());
        origin.putAll(context.origin());
        PreparedBatch batch = launcher.prepare(limit, origin);

        MDC.put("batchId", batch.batchId());
        RunningBatch current = new RunningBatch(batch, new CompletableFuture<>());
        running.set(current);
        try {
            cron.info("[PromptLabCron] Starting Lab batch { limit: {} }", limit);
            startThread(current, MDC.getCopyOfContextMap());
            BatchSummary summary = await(current.outcome());
            RunBatchCommand.logSummary(summary);
            return summary;
        } catch (BatchCutShortException e) {
            throw e;
        } catch (RuntimeException e) {
            cron.error("[PromptLabCron] Lab batch failed: {}", e.getMessage());
            throw e;
        } finally {
            running.compareAndSet(current, null);
            MDC.remove("batchId");
        }
    }

    @Override
    public void requestStop(String reason) {
        RunningBatch current = running.get();
        if (current != null) {
            current.batch().runner().requestStop(reason);
        }
    }

    /**
     * Ends the running batch, if any, without waiting for its tasks: marks its unfinished runs {@code interrupted},
     * releases its claims, records it as stopped, and makes its request respond that it was cut short. Call it on
     * the thread that owns the shutdown, before the database closes.
     */
    void cutShortRunningBatch() {
        RunningBatch current = running.get();
        if (current == null || current.outcome().isDone()) {
            return;
        }

        // NOTE: a batch that ends on its own while this runs is recorded as stopped and reported as cut short.
        BatchSummary cut = current.batch().cutShort();
        // This thread has no log context, so the line names the batch itself.
        cron.warn("[PromptLabCron] Lab batch {} cut short by {} { runsCreated: {}, scoresCreated: {}, failures: {},"
                + " released: {} }", cut.batchId(), cut.stopReason(), cut.runsCreated(), cut.scoresCreated(),
                cut.failures(), cut.released());
        current.outcome().completeExceptionally(new BatchCutShortException(cut));
    }

    private static void startThread(RunningBatch current, Map<String, String> logContext) {
        Thread thread = new Thread(() -> {
            MDC.setContextMap(logContext);
            try {
                current.outcome().complete(current.batch().run());
            } catch (RuntimeException | Error e) {
                current.outcome().completeExceptionally(e);
            } finally {
                MDC.clear();
            }
        }, "batch-" + current.batch().batchId());
        // A batch whose tasks hang after it was cut short must not keep the JVM from exiting.
        thread.setDaemon(true);
        thread.start();
    }

    private static BatchSummary await(CompletableFuture<BatchSummary> outcome) {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Batch failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the batch, because the server is closing", e);
        }
    }
}
