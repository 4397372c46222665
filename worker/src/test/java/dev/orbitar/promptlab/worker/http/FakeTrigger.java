package dev.orbitar.promptlab.worker.http;

import dev.orbitar.promptlab.worker.batch.BatchSummary;
import dev.orbitar.promptlab.worker.logging.TraceContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.MDC;

/** A batch trigger that records its calls and returns a fixed summary or throws a set failure, optionally after a gate opens. */
final class FakeTrigger implements BatchTrigger {

    final List<TriggerContext> contexts = new CopyOnWriteArrayList<>();
    final List<String> tracesInMdc = new CopyOnWriteArrayList<>();
    final List<String> stopReasons = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    private final AtomicInteger batches = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile Supplier<RuntimeException> failure;

    /** Makes the next batches wait until {@link #open()} is called. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    void failWith(Supplier<RuntimeException> failure) {
        this.failure = failure;
    }

    int calls() {
        return contexts.size();
    }

    @Override
    public BatchSummary runBatch(TriggerContext context) {
        contexts.add(context);
        tracesInMdc.add(String.valueOf(MDC.get(TraceContext.MDC_TRACE)));
        entered.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while held", e);
        }
        Supplier<RuntimeException> failing = failure;
        if (failing != null) {
            throw failing.get();
        }
        int number = batches.incrementAndGet();
        return new BatchSummary("batch-" + number, 3, 3, 2, 1, 0, null, null);
    }

    @Override
    public void requestStop(String reason) {
        stopReasons.add(reason);
    }
}
