package dev.orbitar.promptlab.worker.picking;

import dev.orbitar.promptlab.worker.picking.TaskClaimMapper.DiscoveryCursor;
import dev.orbitar.promptlab.worker.picking.TaskClaimMapper.ScanResult;

/**
 * Keeps the worker's task registry (one task_claim row per task) in step with the application's task tables, at a
 * cost per claim that does not grow with the number of tasks.
 *
 * <p>The application's tables may not get new indexes, so finding never-run tasks by comparing whole tables would
 * scan every row on every claim. Instead, each claim does two bounded walks of a table's primary key:
 * <ul>
 *   <li>the tail: ids after the highest id registered so far. Ids from Prisma's cuid() (version 1) and from
 *       {@code Ids} start with the time and grow, so the next claim finds new rows;</li>
 *   <li>the sweep: one slice of {@code sliceSize} ids, moving on each claim and starting over at the end. It finds
 *       rows whose ids sort before the tail (ids from other generators) and removes deleted rows from the
 *       registry.</li>
 * </ul>
 * A task whose id sorts before the tail is found within (tasks / sliceSize) claims, not the next one.
 */
final class TaskDiscovery {

    /**
     * Ids read per walk. A full slice took about a millisecond in ClaimBenchmark, and a table of 100,000 tasks is
     * swept in 100 claims.
     */
    static final int DEFAULT_SLICE_SIZE = 1000;

    private final int sliceSize;

    TaskDiscovery(int sliceSize) {
        if (sliceSize < 1) {
            throw new IllegalArgumentException("Discovery slice size " + sliceSize + " must be at least 1");
        }
        this.sliceSize = sliceSize;
    }

    /**
     * Registers new tasks of one kind in the caller's transaction, which should commit before claiming. Pickers
     * discover one at a time (the cursor row is locked), so a picker that waited reads the rows the other registered.
     */
    void discover(TaskClaimMapper mapper, TaskKind kind) {
        DiscoveryCursor cursor = mapper.lockCursor(kind);
        if (cursor == null) {
            throw new IllegalStateException("Task discovery cursor for " + kind.wireValue() + " is missing from the"
                    + " worker schema; run the migrations");
        }

        ScanResult tail = mapper.registerAfter(kind, cursor.tailId(), sliceSize);
        String tailId = tail.seen() == 0 ? cursor.tailId() : tail.lastId();

        ScanResult sweep = mapper.sweepAfter(kind, cursor.sweepId(), sliceSize);
        String sweepId = sweep.seen() < sliceSize ? "" : sweep.lastId();

        mapper.updateCursor(kind, tailId, sweepId);
    }
}
