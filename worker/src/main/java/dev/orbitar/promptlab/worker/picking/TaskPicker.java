package dev.orbitar.promptlab.worker.picking;

import java.time.Duration;
import java.util.List;

/** Claims benchmark tasks for a batch so that no two batches hold the same task at once. Thread-safe. */
public interface TaskPicker {

    /**
     * Claims up to {@code limit} tasks for the batch: a mix of synthetic tasks and samples (when one kind runs short
     * the other fills the batch), never-run first, then least recently run. Each claim is a lease that expires
     * after {@code lease}, so a task held by a killed worker is picked again.
     */
    List<LabTask> claim(String batchId, int limit, Duration lease);

    /**
     * Returns the tasks a claim would take now, in the same order, without claiming them or writing anything:
     * the dry run's view of the next batch.
     */
    List<LabTask> preview(int limit);

    /**
     * Extends the leases the batch still holds to {@code lease} from now, so that a batch running longer than one
     * lease keeps its tasks. A lease that already expired is not renewed. Returns the number of leases renewed.
     */
    int renew(String batchId, Duration lease);

    /** Gives back claims of tasks the batch did not run (a stopped batch), so the next batch picks them first. */
    void release(String batchId, List<LabTask> tasks);
}
