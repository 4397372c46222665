package dev.orbitar.promptlab.worker.store;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the worker's Flyway migrations: the application's four tables where the application has not created them,
 * then the worker's own schema. Flyway's history table lives in the worker's schema, never in the application's.
 * The caller decides whether to run them at all, because a database managed by its owners may forbid DDL.
 */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private final Database database;

    public Migrations(Database database) {
        this.database = database;
    }

    /**
     * Applies pending migrations and returns how many were applied (0 when the database is up to date).
     *
     * @throws MigrationException when a migration fails; nothing of the failed migration is kept
     */
    public int migrate() {
        MigrateResult result;
        try {
            result = flyway().migrate();
        } catch (FlywayException e) {
            throw new MigrationException("Database migration of worker schema '" + database.workerSchema()
                    + "' failed: " + rootCause(e) + ". The database user needs CREATE on the database"
                    + " (or an existing worker schema it owns); otherwise skip migrations and apply them as an owner",
                    e);
        }

        if (result.migrationsExecuted > 0) {
            log.info("Applied {} database migration(s); worker schema {} is at version {}",
                    result.migrationsExecuted, database.workerSchema(), result.targetSchemaVersion);
        }
        return result.migrationsExecuted;
    }

    /** Returns how many migrations are not applied yet, so a caller that skips migrations can stop early. */
    public int pending() {
        try {
            return flyway().info().pending().length;
        } catch (FlywayException e) {
            throw new MigrationException("Cannot read the migration history in worker schema '"
                    + database.workerSchema() + "': " + rootCause(e), e);
        }
    }

    /** A migration that could not be applied or read. */
    public static final class MigrationException extends RuntimeException {
        MigrationException(String message, Throwable cause) {
            super(message, cause);
        }
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

    // Flyway wraps the database's error in its own ("Failed to execute script"), so the innermost cause names the
    // actual failure, such as a missing privilege.
    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
