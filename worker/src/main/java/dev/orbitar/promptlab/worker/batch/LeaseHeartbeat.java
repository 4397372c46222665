package dev.orbitar.promptlab.worker.batch;

import dev.orbitar.promptlab.worker.picking.TaskPicker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Renews the leases of a running batch several times per lease, so that a batch whose tasks outlast one lease keeps
 * its claims. No other batch can claim those tasks then, and the close-out of abandoned batches passes the batch over.
 * It runs on one daemon thread from {@link #start} until {@link #stop}. A renewal that fails (a database blip) is
 * logged once and tried again at the next tick, and never stops the batch.
 */
final class LeaseHeartbeat {

    /** Renewals per lease, so two renewals in a row can fail before a lease expires. */
    static final int RENEWALS_PER_LEASE = 3;

    private static final Logger log = LoggerFactory.getLogger("PromptLabRunner");

    private final TaskPicker picker;
    private final String batchId;
    private final Duration lease;
    private final Duration interval;
    private final Map<String, String> logContext;
    private final ScheduledExecutorService scheduler;
    // Failed renewals since the last one that succeeded; read and written only on the scheduler's thread.
    private int failedInARow;

    private LeaseHeartbeat(TaskPicker picker, String batchId, Duration lease) {
        this.picker = picker;
        this.batchId = batchId;
        this.lease = lease;
        this.interval = intervalFor(lease);
        this.logContext = MDC.getCopyOfContextMap();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lease-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts renewing the batch's leases, the first time one interval from now. */
    static LeaseHeartbeat start(TaskPicker picker, String batchId, Duration lease) {
        LeaseHeartbeat heartbeat = new LeaseHeartbeat(picker, batchId, lease);
        long millis = heartbeat.interval.toMillis();
        heartbeat.scheduler.scheduleWithFixedDelay(heartbeat::renewWithLogContext, millis, millis,
                TimeUnit.MILLISECONDS);
        log.debug("Batch {} renews its leases every {} ms", batchId, millis);
        return heartbeat;
    }

    /** Returns the time between renewals: a third of the lease, and at least one millisecond. */
    static Duration intervalFor(Duration lease) {
        return Duration.ofMillis(Math.max(1, lease.toMillis() / RENEWALS_PER_LEASE));
    }

    /**
     * Stops the renewals. A renewal already running finishes; it cannot extend a claim that the batch finished or
     * released, because those no longer name the batch. Safe to call more than once and from any thread.
     */
    void stop() {
        scheduler.shutdown();
    }

    private void renewWithLogContext() {
        if (logContext != null) {
            MDC.setContextMap(logContext);
        }
        try {
            renew();
        } finally {
            MDC.clear();
        }
    }

    /** Renews once. Catches every runtime failure, because one that escapes would cancel all later renewals. */
    private void renew() {
        try {
            int renewed = picker.renew(batchId, lease);
            if (failedInARow > 0) {
                log.info("Batch {} renewed {} lease(s) again after {} failed renewal(s)", batchId, renewed,
                        failedInARow);
            }
            failedInARow = 0;
        } catch (RuntimeException e) {
            failedInARow++;
            if (failedInARow == 1) {
                log.warn("Batch {} could not renew its task leases: {}. Retrying every {} ms; the leases expire {}s"
                        + " after the last renewal that succeeded.", batchId, BatchRunner.rootMessage(e),
                        interval.toMillis(), lease.toSeconds());
            }
        }
    }
}
