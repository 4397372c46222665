package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.lab.LabDatabase;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Applies the worker's migrations and exits, for teams that migrate in a separate deployment step. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        versionProvider = WorkerVersion.class,
        description = {
            "Applies the worker's database migrations and exits.",
            "",
            "Creates the application's four tables where they do not exist yet (never altering them where they do), "
                    + "then the worker's own schema. Runs even when LAB_MIGRATE is false, which only stops the other "
                    + "commands from migrating."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the database is migrated",
            "1:the database is unreachable or a migration failed",
            "2:invalid configuration"
        })
final class MigrateCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(MigrateCommand.class);

    @Mixin
    private DatabaseOptions databaseOptions;

    private final Map<String, String> environment;

    MigrateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        WorkerSettings settings = databaseOptions.resolve(environment);
        try (LabDatabase database = LabDatabase.open(settings, true)) {
            log.info("Database is migrated; worker schema {}", database.database().workerSchema());
        }
        return ExitCodes.OK;
    }
}
