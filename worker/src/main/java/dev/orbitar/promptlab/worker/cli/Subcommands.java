package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.importing.Importer;
import dev.orbitar.promptlab.worker.lab.LabDatabase;
import dev.orbitar.promptlab.worker.report.ReportDatabase;
import dev.orbitar.promptlab.worker.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import picocli.CommandLine;

/**
 * Creates the worker's subcommands with the process environment they read their settings from. The import and
 * report commands open the database only once their own options are valid, and the opened database is closed
 * when the command ends.
 */
final class Subcommands implements AutoCloseable {

    private final Map<String, String> environment;
    private final List<LabDatabase> opened = new ArrayList<>();

    Subcommands(Map<String, String> environment) {
        this.environment = environment;
    }

    void addTo(CommandLine commandLine) {
        commandLine.addSubcommand(new RunBatchCommand(environment));
        commandLine.addSubcommand(new ServeCommand(environment));
        commandLine.addSubcommand(withSettings(new ImportCommand(this::importer), importSettings));
        commandLine.addSubcommand(new ScoreCommand());
        commandLine.addSubcommand(withSettings(new ReportCommand(reportDatabase()), reportSettings));
        commandLine.addSubcommand(new MigrateCommand(environment));
    }

    private final DatabaseOptions importSettings = new DatabaseOptions();
    private final DatabaseOptions reportSettings = new DatabaseOptions();

    private static CommandLine withSettings(Object command, DatabaseOptions settings) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.addMixin("settings", settings);
        return commandLine;
    }

    private Importer importer() {
        Database database = open(importSettings).database();
        return new Importer(database.dataSource(), database.appSchema());
    }

    private ReportDatabase reportDatabase() {
        return new ReportDatabase() {
            private Database database;

            private Database database() {
                if (database == null) {
                    database = open(reportSettings).database();
                }
                return database;
            }

            @Override
            public DataSource dataSource() {
                return database().dataSource();
            }

            @Override
            public String appSchema() {
                return database().appSchema();
            }

            @Override
            public String workerSchema() {
                return database().workerSchema();
            }
        };
    }

    private LabDatabase open(DatabaseOptions settings) {
        LabDatabase database = LabDatabase.open(settings.resolve(environment));
        opened.add(database);
        return database;
    }

    @Override
    public void close() {
        for (LabDatabase database : opened) {
            database.close();
        }
        opened.clear();
    }
}
