package dev.orbitar.promptlab.worker.runtime;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the worker in order when the platform sends SIGTERM. It requests that every running batch (and the HTTP
 * server) start nothing new and waits up to a grace period for them to record what they did. Then it runs the
 * cut-short actions (mark unfinished runs, release leases) for whatever still runs, and lets the JVM exit.
 *
 * <p>Cloud Run sends SIGKILL 10 seconds after SIGTERM (its container contract), and Kubernetes after the pod's
 * {@code terminationGracePeriodSeconds}, 30 unless set. The default grace of 8 seconds therefore leaves about 2
 * seconds for the cut-short actions on either. The JVM runs the same hook for SIGINT and SIGHUP, and for
 * {@link System#exit} calls that do not go through {@link #exit(int)}.
 *
 * <p>The hook never calls {@link System#exit}, because that would block forever inside a hook. An exit that the
 * application starts through {@link #exit(int)} makes the hook return at once instead of waiting for work that
 * the exiting thread can no longer finish. Close a {@link BatchGuard} before calling {@code exit}.
 */
public final class ShutdownCoordinator {

    /** The environment variable that sets the grace period in seconds. */
    public static final String GRACE_SETTING = "LAB_SHUTDOWN_GRACE_SECONDS";
    /** The grace period when the setting is unset: under the 10 seconds Cloud Run gives before SIGKILL. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(8);
    /** The stop reason given to participants when the JVM shuts down. */
    public static final String SIGTERM = "SIGTERM";

    private static final Logger log = LoggerFactory.getLogger(ShutdownCoordinator.class);
    private static final int MAX_GRACE_SECONDS = 3600;

    private final Duration grace;
    private final List<StopParticipant> participants = new CopyOnWriteArrayList<>();
    private final List<Runnable> cutShortActions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean installed = new AtomicBoolean();
    private final Object lock = new Object();
    private volatile String stopReason;
    private volatile boolean exiting;

    public ShutdownCoordinator(Duration grace) {
        this.grace = grace;
    }

    /** Returns a coordinator with the grace period from {@code LAB_SHUTDOWN_GRACE_SECONDS} (default 8). */
    public static ShutdownCoordinator fromEnv(Map<String, String> env) {
        return new ShutdownCoordinator(graceFrom(env));
    }

    static Duration graceFrom(Map<String, String> env) {
        String value = env.get(GRACE_SETTING);
        if (value == null || value.isBlank()) {
            return DEFAULT_GRACE;
        }

        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds >= 0 && seconds <= MAX_GRACE_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        throw new InvalidSettingException(GRACE_SETTING, value, "expected whole seconds from 0 to "
                + MAX_GRACE_SECONDS + "; keep it under the platform's SIGKILL delay (10 s on Cloud Run, the pod's "
                + "terminationGracePeriodSeconds on Kubernetes)");
    }

    /** Returns the grace period. */
    public Duration grace() {
        return grace;
    }

    /** Registers the JVM shutdown hook; later calls do nothing. */
    public void install() {
        if (installed.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(SIGTERM), "shutdown"));
        }
    }

    /**
     * Tracks one batch until the returned guard is closed. Close it after everything about the batch is
     * recorded (summary logged, termination message written), because the JVM may halt as soon as the hook
     * finds it closed. When a stop was already requested, {@code requestStop} is called at once.
     */
    public BatchGuard guard(Consumer<String> requestStop) {
        BatchGuard guard = new BatchGuard(requestStop);
        register(guard);
        return guard;
    }

    /**
     * Tracks work that stops by itself when asked, such as the HTTP server, until {@link #unregister} is called.
     * When a stop was already requested, the participant is asked to stop at once.
     */
    public void register(StopParticipant participant) {
        String reason;
        synchronized (lock) {
            participants.add(participant);
            reason = stopReason;
        }
        if (reason != null) {
            requestStop(participant, reason);
        }
    }

    /** Stops tracking a participant. */
    public void unregister(StopParticipant participant) {
        participants.remove(participant);
    }

    /**
     * Adds an action the hook runs when the grace period ends with work still running, such as marking that
     * work's runs as failed and releasing its leases. Actions run in the order added, on the hook thread.
     */
    public void onCutShort(Runnable action) {
        cutShortActions.add(action);
    }

    /** Returns whether the JVM is shutting down, so a loop can stop starting new work. */
    public boolean stopRequested() {
        return stopReason != null;
    }

    /** Returns why the worker stops, once a stop was requested. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /**
     * Exits the JVM with {@code status}, telling the hook not to wait: the calling thread is the one that would
     * have finished the work. Never returns.
     */
    public void exit(int status) {
        markExiting();
        System.exit(status);
    }

    /** Records that the application itself is exiting, so the hook does not wait. */
    void markExiting() {
        exiting = true;
    }

    /**
     * Runs the shutdown sequence: requests that every participant stop, waits up to the grace period for all of them,
     * then runs the cut-short actions when some are still running. This is the hook's body; it never calls
     * {@link System#exit}.
     */
    public ShutdownOutcome stopAll(String reason) {
        if (exiting) {
            return new ShutdownOutcome(reason, 0, false);
        }

        List<StopParticipant> toStop = new ArrayList<>();
        synchronized (lock) {
            if (stopReason == null) {
                stopReason = reason;
            }
            toStop.addAll(participants);
        }
        if (!toStop.isEmpty()) {
            log.info("Stopping on {}: waiting up to {} s for {} to finish", reason, grace.toSeconds(), toStop);
        }
        for (StopParticipant participant : toStop) {
            requestStop(participant, reason);
        }

        List<StopParticipant> unfinished = awaitAll(System.nanoTime() + grace.toNanos());
        if (unfinished.isEmpty()) {
            return new ShutdownOutcome(reason, 0, true);
        }

        log.warn("Grace period of {} s ended with {} still running; running {} shutdown action(s)",
                grace.toSeconds(), unfinished, cutShortActions.size());
        for (Runnable action : cutShortActions) {
            runCutShortAction(action);
        }
        return new ShutdownOutcome(reason, unfinished.size(), true);
    }

    /** Waits for the participants, including ones registered while waiting, until the deadline passes. */
    private List<StopParticipant> awaitAll(long deadlineNanos) {
        Set<StopParticipant> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<StopParticipant> unfinished = new ArrayList<>();
        try {
            List<StopParticipant> pending = pendingParticipants(seen);
            while (!pending.isEmpty()) {
                for (StopParticipant participant : pending) {
                    seen.add(participant);
                    long remaining = Math.max(0, deadlineNanos - System.nanoTime());
                    if (!participant.awaitStopped(Duration.ofNanos(remaining))) {
                        unfinished.add(participant);
                    }
                }
                pending = pendingParticipants(seen);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while waiting for running work; treating all of it as unfinished");
            return List.copyOf(participants);
        }
        return unfinished;
    }

    private List<StopParticipant> pendingParticipants(Set<StopParticipant> seen) {
        List<StopParticipant> pending = new ArrayList<>();
        for (StopParticipant participant : participants) {
            if (!seen.contains(participant)) {
                pending.add(participant);
            }
        }
        return pending;
    }

    private static void requestStop(StopParticipant participant, String reason) {
        try {
            participant.requestStop(reason);
        } catch (RuntimeException e) {
            log.error("Could not ask {} to stop; it may run until the platform kills the process", participant, e);
        }
    }

    private static void runCutShortAction(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("A shutdown action failed; its batch's runs and leases stay as they were", e);
        }
    }

    /** One batch tracked by the coordinator; closing it signals the hook that the batch has recorded its work. */
    public final class BatchGuard implements StopParticipant, AutoCloseable {

        private final Consumer<String> stopAction;
        private final CountDownLatch finished = new CountDownLatch(1);

        private BatchGuard(Consumer<String> stopAction) {
            this.stopAction = stopAction;
        }

        @Override
        public void requestStop(String reason) {
            stopAction.accept(reason);
        }

        @Override
        public boolean awaitStopped(Duration timeout) throws InterruptedException {
            return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Marks the batch finished; safe to call more than once. */
        @Override
        public void close() {
            finished.countDown();
            unregister(this);
        }

        @Override
        public String toString() {
            return "batch";
        }
    }
}
