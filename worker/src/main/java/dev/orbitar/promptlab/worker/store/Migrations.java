package dev.orbitar.promptlab.worker.store;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the worker's Flyway migrations: the application's four tables where the application has not created them,
 * then the worker's own schema. Flyway's history table lives in the worker's schema, never in the application's.
 * The caller decides whether to run them at all (a database managed by its owners may forbid DDL).
 */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private final Database database;

    public Migrations(Database database) {
        this.database = database;
    }

    /** Applies pending migrations and returns how many were applied (0 when the database is up to date). */
    public int migrate() {
        MigrateResult result = flyway().migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Applied {} database migration(s); worker schema {} is at version {}",
                    result.migrationsExecuted, database.workerSchema(), result.targetSchemaVersion);
        }
        return result.migrationsExecuted;
    }

    private Flyway flyway() {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(database.dataSource())
                .schemas(database.workerSchema())
                .defaultSchema(database.workerSchema())
                .createSchemas(true)
                .locations("classpath:db/migration")
                .placeholders(Map.of(
                        "appSchema", database.appSchema(),
                        "workerSchema", database.workerSchema()))
                .load();
    }
}
