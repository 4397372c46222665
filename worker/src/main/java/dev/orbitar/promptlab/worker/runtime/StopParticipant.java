package dev.orbitar.promptlab.worker.runtime;

import java.time.Duration;

/** Work that the shutdown coordinator stops on request and then waits for, such as a batch or the HTTP server. */
public interface StopParticipant {

    /** Asks the work to start nothing new; work already running finishes. Called once, from the shutdown hook. */
    void requestStop(String reason);

    /**
     * Waits up to {@code timeout} for the work to finish recording what it did. Returns true when it finished.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean awaitStopped(Duration timeout) throws InterruptedException;
}
