package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.settings.Setting;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import dev.orbitar.promptlab.worker.settings.WorkerSettingsLoader;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags that choose the database: mixed into every command that opens one. Commands with their own filters
 * (import, report) take only these, so their flags never clash with the batch settings.
 */
public class DatabaseOptions {

    @Option(names = "--database-url", paramLabel = "URL",
            description = "PostgreSQL URL: postgresql://, postgres:// (Prisma parameters) or jdbc:postgresql://."
                    + " Env DATABASE_URL; default: none, which starts an embedded PostgreSQL under the data folder."
                    + " Prefer the variable: a flag's password is visible to other users in the process list.")
    String databaseUrl;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder of the embedded database and local state. Env LAB_DATA_DIR; default .prompt-lab"
                    + " under the working directory.")
    String dataDir;

    @Option(names = "--migrate", negatable = true, arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Run the worker's schema migrations at start; --no-migrate never runs them."
                    + " Env LAB_MIGRATE; default true.")
    Boolean migrate;

    @Option(names = "--worker-schema", paramLabel = "SCHEMA",
            description = "PostgreSQL schema of the worker's own tables, a lower-case name other than the"
                    + " application's schema. Env LAB_WORKER_SCHEMA; default prompt_lab.")
    String workerSchema;

    /**
     * Merges these flags with the environment and validates every setting.
     *
     * @throws dev.orbitar.promptlab.worker.settings.InvalidSettingException on the first invalid value
     */
    public WorkerSettings resolve(Map<String, String> environment) {
        return WorkerSettingsLoader.load(environment, givenFlags());
    }

    /** Returns the text of each flag that was given, by the setting it overrides. */
    Map<Setting, String> givenFlags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        put(flags, Setting.DATABASE_URL, databaseUrl);
        put(flags, Setting.DATA_DIR, dataDir);
        put(flags, Setting.MIGRATE, migrate);
        put(flags, Setting.WORKER_SCHEMA, workerSchema);
        return flags;
    }

    static void put(Map<Setting, String> flags, Setting setting, Object value) {
        if (value != null) {
            flags.put(setting, value.toString());
        }
    }
}
