package dev.orbitar.promptlab.worker.picking;

import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims tasks with leases kept in the worker's task_claim table.
 *
 * <p>A claim takes two transactions. The first registers new tasks in task_claim (see {@link TaskDiscovery}); pickers
 * take turns at it, so every picker claims from a registry that already contains every task found so far. The second
 * claims synthetic tasks and samples from the front of the rotation order with {@code FOR UPDATE SKIP LOCKED}, so
 * concurrent pickers, in one process or in many, pass over each other's rows instead of waiting, and never claim the
 * same task while its lease is held. Lease times come from the database's clock, so workers on hosts with different
 * clocks agree on when a lease expires.
 */
public final class PostgresTaskPicker implements TaskPicker {

    private static final Logger log = LoggerFactory.getLogger(PostgresTaskPicker.class);

    /** The batch id of a preview's claims, which are rolled back and never seen by another transaction. */
    private static final String PREVIEW_BATCH_ID = "preview";
    private static final long PREVIEW_LEASE_MILLIS = 60_000;

    private final Database database;
    private final TaskDiscovery discovery;

    public PostgresTaskPicker(Database database) {
        this(database, TaskDiscovery.DEFAULT_SLICE_SIZE);
    }

    /** Creates a picker whose discovery reads {@code discoverySliceSize} ids of each task table per claim. */
    public PostgresTaskPicker(Database database, int discoverySliceSize) {
        this.database = database;
        this.discovery = new TaskDiscovery(discoverySliceSize);
    }

    @Override
    public List<LabTask> claim(String batchId, int limit, Duration lease) {
        if (limit < 0) {
            throw new IllegalArgumentException("Claim limit " + limit + " must be 0 or more");
        }
        requirePositive(lease);
        if (limit == 0) {
            return List.of();
        }

        Transactions.inTransaction(database, session -> {
            TaskClaimMapper mapper = session.getMapper(TaskClaimMapper.class);
            discovery.discover(mapper, TaskKind.SYNTHETIC);
            discovery.discover(mapper, TaskKind.SAMPLE);
            return null;
        });

        List<LabTask> claimed = Transactions.inTransaction(database, session ->
                claimMix(session.getMapper(TaskClaimMapper.class), batchId, limit, lease.toMillis()));

        log.debug("Batch {} claimed {} of {} task(s)", batchId, claimed.size(), limit);
        return claimed;
    }

    /**
     * Runs discovery and a claim in one transaction and rolls it back, so the dry run sees exactly what a claim would
     * take now while nothing is written.
     */
    @Override
    public List<LabTask> preview(int limit) {
        try (SqlSession session = database.openSession()) {
            TaskClaimMapper mapper = session.getMapper(TaskClaimMapper.class);
            discovery.discover(mapper, TaskKind.SYNTHETIC);
            discovery.discover(mapper, TaskKind.SAMPLE);
            List<LabTask> next = claimMix(mapper, PREVIEW_BATCH_ID, limit, PREVIEW_LEASE_MILLIS);
            session.rollback(true);
            return next;
        }
    }

    /** Claims half synthetic tasks (the odd one too) and half samples; when one kind runs short the other fills. */
    private static List<LabTask> claimMix(TaskClaimMapper mapper, String batchId, int limit, long leaseMillis) {
        int syntheticShare = limit - limit / 2;
        List<LabTask> tasks = new ArrayList<>(mapper.claimSynthetic(batchId, syntheticShare, leaseMillis));

        boolean syntheticShort = tasks.size() < syntheticShare;
        tasks.addAll(mapper.claimSamples(batchId, limit - tasks.size(), leaseMillis));

        if (!syntheticShort && tasks.size() < limit) {
            tasks.addAll(mapper.claimSynthetic(batchId, limit - tasks.size(), leaseMillis));
        }
        return tasks;
    }

    @Override
    public int renew(String batchId, Duration lease) {
        requirePositive(lease);
        int renewed = Transactions.inTransaction(database, session ->
                session.getMapper(TaskClaimMapper.class).renew(batchId, lease.toMillis()));

        log.debug("Batch {} renewed {} lease(s) for {}s", batchId, renewed, lease.toSeconds());
        return renewed;
    }

    @Override
    public void release(String batchId, List<LabTask> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        Map<TaskKind, List<String>> idsByKind = tasks.stream()
                .collect(Collectors.groupingBy(LabTask::kind, Collectors.mapping(LabTask::id, Collectors.toList())));

        int released = Transactions.inTransaction(database, session -> {
            TaskClaimMapper mapper = session.getMapper(TaskClaimMapper.class);
            int count = 0;
            for (Map.Entry<TaskKind, List<String>> entry : idsByKind.entrySet()) {
                count += mapper.release(batchId, entry.getKey(), entry.getValue());
            }
            return count;
        });

        log.info("Batch {} released {} unrun claim(s)", batchId, released);
    }

    private static void requirePositive(Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("Lease " + lease + " must be positive");
        }
    }
}
