package dev.orbitar.promptlab.worker.lab;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.DemoData;
import dev.orbitar.promptlab.worker.store.EmbeddedDatabase;
import dev.orbitar.promptlab.worker.store.Migrations;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database a command works on: the one DATABASE_URL names, or an embedded PostgreSQL under LAB_DATA_DIR with
 * the project's demo tasks loaded on its first run. Migrations run at open unless LAB_MIGRATE is false.
 */
public final class LabDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LabDatabase.class);

    private final EmbeddedDatabase embedded;
    private final Database database;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LabDatabase(EmbeddedDatabase embedded, Database database) {
        this.embedded = embedded;
        this.database = database;
    }

    /**
     * Connects, migrates when the settings allow it, and loads demo data into a new embedded database.
     *
     * @throws dev.orbitar.promptlab.worker.store.DatabaseUnavailableException when the database cannot be reached
     */
    public static LabDatabase open(WorkerSettings settings) {
        return open(settings, settings.migrate());
    }

    /**
     * Connects for running batches: as {@link #open(WorkerSettings)}, except that a dry run never migrates the
     * database that DATABASE_URL names, because creating the worker's schema there is a write.
     */
    public static LabDatabase openForBatches(WorkerSettings settings) {
        boolean dryRunOnNamedDatabase = settings.dryRun() && !settings.usesEmbeddedDatabase();
        return open(settings, settings.migrate() && !dryRunOnNamedDatabase);
    }

    /** Connects as {@link #open(WorkerSettings)} does, running the migrations only when {@code migrate} is true. */
    public static LabDatabase open(WorkerSettings settings, boolean migrate) {
        EmbeddedDatabase embedded = settings.usesEmbeddedDatabase() ? EmbeddedDatabase.start(settings.dataDir())
                : null;
        DatabaseSettings target = embedded == null ? settings.database() : embedded.settings();
        Database database = null;
        try {
            database = Database.open(target, settings.workerSchema());
            if (migrate) {
                new Migrations(database).migrate();
            }
            if (embedded != null && new DemoData(database).loadOnce()) {
                log.info("Loaded the demo tasks into the embedded database; set DATABASE_URL to use your own");
            }
            return new LabDatabase(embedded, database);
        } catch (RuntimeException e) {
            closeQuietly(database, embedded);
            throw e;
        }
    }

    /** Returns the connection pool and MyBatis sessions. */
    public Database database() {
        return database;
    }

    /** Closes the pool and stops the embedded server; safe to call twice (a shutdown action and the caller). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(database, embedded);
        }
    }

    private static void closeQuietly(Database database, EmbeddedDatabase embedded) {
        if (database != null) {
            database.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
