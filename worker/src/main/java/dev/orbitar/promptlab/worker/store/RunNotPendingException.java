package dev.orbitar.promptlab.worker.store;

/**
 * A LabRun that could not be ended because it is no longer pending: most often a run closed out as
 * {@code abandoned} after its batch outlived its leases. Nothing of the attempted change was written.
 */
public class RunNotPendingException extends IllegalStateException {

    public RunNotPendingException(String runId) {
        super("LabRun " + runId + " is no longer pending (closed out as abandoned after its lease expired, or"
                + " already ended); its result was not stored. Use a lease longer than a batch runs");
    }
}
