package dev.orbitar.promptlab.worker.http;

import com.sun.net.httpserver.HttpExchange;
import dev.orbitar.promptlab.worker.batch.BatchSummary;
import dev.orbitar.promptlab.worker.logging.TraceContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /} and {@code POST /run}: runs one batch inside the request. One batch runs at a time per process,
 * so a request that arrives while one runs gets 409 with {@code Retry-After}. A redelivered CloudEvent gets the
 * first delivery's counts from memory, and no batch runs.
 */
final class RunEndpoint {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(RunEndpoint.class);

    private final BatchTrigger trigger;
    private final RunRequestReader reader;
    private final RedeliveryCache redeliveries;
    private final JsonReply reply;
    private final Semaphore batchSlot;
    private final BooleanSupplier accepting;
    private final Duration retryAfter;

    RunEndpoint(BatchTrigger trigger, RunRequestReader reader, RedeliveryCache redeliveries, JsonReply reply,
            Semaphore batchSlot, BooleanSupplier accepting, Duration retryAfter) {
        this.trigger = trigger;
        this.reader = reader;
        this.redeliveries = redeliveries;
        this.reply = reply;
        this.batchSlot = batchSlot;
        this.accepting = accepting;
        this.retryAfter = retryAfter;
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!accepting.getAsBoolean()) {
            replyStopping(exchange);
            return;
        }

        TriggerContext context;
        try {
            context = reader.read(exchange.getRequestHeaders(), readBody(exchange));
        } catch (BadRequestException e) {
            log.warn("Run request rejected with {}: {}", e.status(), e.getMessage());
            reply.error(exchange, e.status(), e.getMessage());
            return;
        }

        Optional<String> eventKey = context.event().map(CloudEvent::redeliveryKey);
        if (eventKey.isPresent() && answeredAsRedelivery(exchange, context.event().get(), eventKey.get())) {
            return;
        }

        if (!batchSlot.tryAcquire()) {
            eventKey.ifPresent(redeliveries::forget);
            if (!accepting.getAsBoolean()) {
                replyStopping(exchange);
                return;
            }
            log.warn("Run request rejected with 409: a batch is already running in this process");
            reply.retryLater(exchange, 409, "A batch is already running in this process; retry after "
                    + retryAfter.toSeconds() + " s", retryAfter);
            return;
        }
        try {
            runBatch(exchange, context, eventKey);
        } finally {
            batchSlot.release();
        }
    }

    private void runBatch(HttpExchange exchange, TriggerContext context, Optional<String> eventKey)
            throws IOException {
        BatchSummary summary;
        try (TraceContext.MdcScope traceScope = context.trace().map(TraceContext::putInMdc).orElse(() -> { })) {
            logStart(context);
            summary = trigger.runBatch(context);
        } catch (BatchCutShortException e) {
            eventKey.ifPresent(redeliveries::forget);
            replyCutShort(exchange, e.summary());
            return;
        } catch (RuntimeException e) {
            eventKey.ifPresent(redeliveries::forget);
            log.error("Batch request failed with 500; the batch could not run or record its work", e);
            // The exception text may quote connection details, so the caller gets a fixed message.
            reply.error(exchange, 500, "The batch could not run or record its work; the worker log has the cause");
            return;
        }

        eventKey.ifPresent(key -> redeliveries.complete(key, summary));
        reply.send(exchange, 200, counts(summary, false));
    }

    private boolean answeredAsRedelivery(HttpExchange exchange, CloudEvent event, String key) throws IOException {
        RedeliveryCache.Claim claim = redeliveries.claim(key);
        switch (claim.state()) {
            case DONE -> {
                log.info("CloudEvent {} from {} is a redelivery of batch {}; responded 200 without running a batch",
                        event.id(), event.source(), claim.summary().batchId());
                reply.send(exchange, 200, counts(claim.summary(), true));
                return true;
            }
            case RUNNING -> {
                log.info("CloudEvent {} from {} is a redelivery of a batch still running; responded 202",
                        event.id(), event.source());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", "running");
                body.put("redelivered", true);
                reply.send(exchange, 202, body);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void replyStopping(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Connection", "close");
        reply.retryLater(exchange, 503, "The worker is shutting down; retry on another instance", retryAfter);
    }

    private void replyCutShort(HttpExchange exchange, BatchSummary summary) throws IOException {
        log.warn("Batch {} cut short by {}; responded 503", summary.batchId(), summary.stopReason());
        long seconds = retryAfter.toSeconds();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "The worker shut down before the batch finished; its unfinished runs were set to error"
                + " interrupted and its tasks released, so retry on another instance");
        body.put("status", "cut-short");
        body.put("batchId", summary.batchId());
        body.put("runsCreated", summary.runsCreated());
        body.put("scoresCreated", summary.scoresCreated());
        body.put("released", summary.released());
        body.put("retryAfterSeconds", seconds);
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        reply.send(exchange, 503, body);
    }

    private static void logStart(TriggerContext context) {
        String limit = context.batchLimit().isPresent() ? Integer.toString(context.batchLimit().getAsInt())
                : "the configured limit";
        if (context.event().isPresent()) {
            CloudEvent event = context.event().get();
            log.info("Batch requested by CloudEvent {} ({}) from {}, batch limit {}", event.id(), event.type(),
                    event.source(), limit);
        } else {
            log.info("Batch requested over HTTP, batch limit {}", limit);
        }
    }

    private static Map<String, Object> counts(BatchSummary summary, boolean redelivered) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runsCreated", summary.runsCreated());
        body.put("scoresCreated", summary.scoresCreated());
        if (redelivered) {
            body.put("redelivered", true);
        }
        return body;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException, BadRequestException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new BadRequestException(413, "Request body is larger than " + MAX_BODY_BYTES
                        + " bytes; send no body, or a small JSON object such as {\"batchLimit\": 5}");
            }
            return body;
        }
    }
}
