package dev.orbitar.promptlab.worker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.orbitar.promptlab.worker.runtime.StopParticipant;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serve mode: the worker's HTTP trigger, on the JDK's built-in HTTP server.
 *
 * <p>Stopping drains instead of cutting: {@link #requestStop} makes new run requests get 503 and requests that the
 * running batch start no new task, {@link #awaitIdle} waits for that batch's response to be sent, and
 * {@link #close} closes the listener; {@link #awaitStopped} does the last two. The JDK server's own {@code stop(delay)} is not used for the wait because in Java 17 it waits the
 * whole delay even when no request is in flight.
 */
public final class LabHttpServer implements StopParticipant, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LabHttpServer.class);
    // Enough for health probes and quick 409 and 503 responses while one thread runs the batch.
    private static final int HANDLER_THREADS = 4;
    private static final int REDELIVERY_CAPACITY = 1024;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final BatchTrigger trigger;
    private final Semaphore batchSlot = new Semaphore(1);
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final AtomicBoolean holdsBatchSlot = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private LabHttpServer(HttpServer server, ExecutorService handlers, BatchTrigger trigger) {
        this.server = server;
        this.handlers = handlers;
        this.trigger = trigger;
    }

    /**
     * Binds the port and starts serving requests.
     *
     * @throws IOException when the port cannot be bound, e.g. because it is in use
     */
    public static LabHttpServer start(ServeOptions options, BatchTrigger trigger) throws IOException {
        HttpServer server = HttpServer.create(options.socketAddress(), 0);
        ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS, handlerThreads());
        LabHttpServer lab = new LabHttpServer(server, handlers, trigger);

        ObjectMapper json = new ObjectMapper();
        JsonReply reply = new JsonReply(json);
        RedeliveryCache redeliveries = new RedeliveryCache(options.redeliveryWindow(), REDELIVERY_CAPACITY,
                System::nanoTime);
        RunEndpoint run = new RunEndpoint(trigger, new RunRequestReader(json, options.maxSafeLimit()), redeliveries,
                reply, lab.batchSlot, lab.accepting::get, options.retryAfter());
        BearerTokenCheck tokenCheck = new BearerTokenCheck(options.token());

        server.createContext("/", new Routes(tokenCheck, run, reply));
        server.setExecutor(handlers);
        server.start();

        log.info("Serving on port {}: GET /health, POST / or /run runs one batch (bearer token check {})",
                lab.port(), tokenCheck.enabled() ? "on" : "off");
        return lab;
    }

    /** Returns the port the server listens on (the chosen one when the options asked for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Makes new run requests get 503 and requests that the running batch, if any, start no new task. */
    @Override
    public void requestStop(String reason) {
        if (accepting.compareAndSet(true, false)) {
            log.info("Serve mode stops on {}: new run requests get 503", reason);
        }
        trigger.requestStop(reason);
    }

    /**
     * Waits up to {@code timeout} for the running batch to send its response, then closes the server. Returns
     * false when the batch was still running; the server is closed all the same, so its response is lost.
     */
    @Override
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        boolean idle = awaitIdle(timeout);
        close();
        return idle;
    }

    /**
     * Waits up to {@code timeout} for the running batch, if any, to send its response, and keeps the server open.
     * Returns false when the batch was still running; a later call waits again. Once it returns true, no request
     * can start a batch.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        accepting.set(false);
        if (holdsBatchSlot.get()) {
            return true;
        }

        // Holding the slot from here on keeps any later request from starting a batch.
        boolean idle = batchSlot.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        holdsBatchSlot.set(idle);
        return idle;
    }

    /** Closes the listener and every connection at once; a batch still running loses its response. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        accepting.set(false);
        server.stop(0);
        handlers.shutdownNow();
        log.info("Serve mode stopped");
    }

    @Override
    public String toString() {
        return "HTTP server on port " + port();
    }

    private static ThreadFactory handlerThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "http-" + count.incrementAndGet());
            // Daemon threads, so a request stuck in a batch never keeps the JVM from exiting.
            thread.setDaemon(true);
            return thread;
        };
    }
}
