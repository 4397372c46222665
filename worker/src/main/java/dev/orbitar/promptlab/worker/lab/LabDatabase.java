package dev.orbitar.promptlab.worker.lab;

import dev.orbitar.promptlab.worker.settings.DatabaseSettings;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import dev.orbitar.promptlab.worker.store.Database;
import dev.orbitar.promptlab.worker.store.DemoData;
import dev.orbitar.promptlab.worker.store.EmbeddedDatabase;
import dev.orbitar.promptlab.worker.store.Migrations;
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

    private LabDatabase(EmbeddedDatabase embedded, Database database) {
        this.embedded = embedded;
        this.database = database;
    }

    /**
     * Connects, migrates when the settings allow it, and loads demo data into a new embedded database.
     *
     * @throws DatabaseUnavailableException when the database cannot be reached
     */
    public static LabDatabase open(WorkerSettings settings) {
        return open(settings, settings.migrate());
    }

    /** Connects as {@link #open(WorkerSettings)} does, running the migrations only when {@code migrate} is true. */
    public static LabDatabase open(WorkerSettings settings, boolean migrate) {
        EmbeddedDatabase embedded = settings.usesEmbeddedDatabase() ? EmbeddedDatabase.start(settings.dataDir())
                : null;
        DatabaseSettings target = embedded == null ? settings.database() : embedded.settings();
        Database database = null;
        try {
            database = connect(target, settings.workerSchema());
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

    @Override
    public void close() {
        closeQuietly(database, embedded);
    }

    private static Database connect(DatabaseSettings target, String workerSchema) {
        try {
            return Database.open(target, workerSchema);
        } catch (IllegalStateException e) {
            // Database.open wraps the pool's failure to make its first connection.
            if (e.getCause() instanceof com.zaxxer.hikari.pool.HikariPool.PoolInitializationException) {
                throw new DatabaseUnavailableException(target.displayUrl(), e.getCause());
            }
            throw e;
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
