package dev.orbitar.promptlab.worker.settings;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@link WorkerSettings} from environment variables and command-line flags, where a flag wins over its
 * variable. An empty or blank value counts as unset, as a Kubernetes manifest often leaves optional variables.
 * The first invalid value stops loading with an {@link InvalidSettingException} that names the variable or flag
 * it came from and, unless it is a secret, the value.
 */
public final class WorkerSettingsLoader {

    public static final String DEFAULT_DATA_DIR = ".prompt-lab";
    public static final int DEFAULT_BATCH_LIMIT = 20;
    public static final int DEFAULT_MAX_SAFE = 200;
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final int MAX_CONCURRENCY = 64;
    public static final int DEFAULT_LEASE_SECONDS = 900;
    public static final int MIN_LEASE_SECONDS = 30;
    // A claim held for more than a day outlives any batch, so a longer lease is taken as a typing error.
    public static final int MAX_LEASE_SECONDS = 86_400;
    public static final String DEFAULT_WORKER_SCHEMA = "prompt_lab";

    private static final Pattern LOWERCASE_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern WHITESPACE_OR_CONTROL = Pattern.compile("[\\s\\p{Cntrl}]");

    private final Map<String, String> environment;
    private final Map<Setting, String> flags;
    private final Path workingDirectory;

    private WorkerSettingsLoader(Map<String, String> environment, Map<Setting, String> flags, Path workingDirectory) {
        this.environment = environment;
        this.flags = flags;
        this.workingDirectory = workingDirectory;
    }

    /** Loads the settings from environment variables alone. */
    public static WorkerSettings load(Map<String, String> environment) {
        return load(environment, Map.of());
    }

    /** Loads the settings, resolving relative folders against the process's working directory. */
    public static WorkerSettings load(Map<String, String> environment, Map<Setting, String> flags) {
        return load(environment, flags, Path.of("").toAbsolutePath());
    }

    /**
     * Loads the settings.
     *
     * @param environment the environment variables, usually {@code System.getenv()}
     * @param flags the flags given on the command line, by setting; each wins over its environment variable
     * @param workingDirectory the folder that relative LAB_DATA_DIR and LAB_TEMPLATES_DIR paths start from
     */
    public static WorkerSettings load(Map<String, String> environment, Map<Setting, String> flags,
            Path workingDirectory) {
        return new WorkerSettingsLoader(environment, flags, workingDirectory).load();
    }

    private WorkerSettings load() {
        int concurrency = wholeNumber(Setting.CONCURRENCY, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY,
                "a whole number of tasks from 1 to " + MAX_CONCURRENCY);
        DatabaseSettings database = database(concurrency);

        Path dataDir = dataDir();
        int batchLimit = wholeNumber(Setting.BATCH_LIMIT, DEFAULT_BATCH_LIMIT, 1, Integer.MAX_VALUE,
                "a whole number of tasks from 1 up");
        int maxSafe = wholeNumber(Setting.MAX_SAFE, DEFAULT_MAX_SAFE, 1, Integer.MAX_VALUE,
                "a whole number of tasks from 1 up");
        boolean dryRun = bool(Setting.DRY_RUN, false);
        String modelName = modelName();
        int leaseSeconds = wholeNumber(Setting.LEASE_SECONDS, DEFAULT_LEASE_SECONDS, MIN_LEASE_SECONDS,
                MAX_LEASE_SECONDS, "a whole number of seconds from " + MIN_LEASE_SECONDS + " to " + MAX_LEASE_SECONDS);
        boolean migrate = bool(Setting.MIGRATE, true);
        String appSchema = database == null ? DatabaseUrlParser.DEFAULT_SCHEMA : database.schema();
        String workerSchema = workerSchema(appSchema);
        Path templatesDir = templatesDir();
        Secret apiKey = apiKey();
        BigDecimal budgetUsd = budgetUsd();

        return new WorkerSettings(database, dataDir, batchLimit, maxSafe, dryRun, modelName, concurrency,
                Duration.ofSeconds(leaseSeconds), migrate, workerSchema, templatesDir, apiKey, budgetUsd);
    }

    /** The raw text of one setting and the name to show in an error: the flag if given, else the variable. */
    private record RawValue(String source, String text) {

        boolean isSet() {
            return text != null;
        }
    }

    private RawValue raw(Setting setting) {
        String flagValue = flags.get(setting);
        if (flagValue != null && !flagValue.isBlank()) {
            return new RawValue(setting.flag(), flagValue.strip());
        }
        String variable = environment.get(setting.environmentVariable());
        if (variable != null && !variable.isBlank()) {
            return new RawValue(setting.environmentVariable(), variable.strip());
        }
        return new RawValue(setting.environmentVariable(), null);
    }

    private DatabaseSettings database(int concurrency) {
        RawValue url = raw(Setting.DATABASE_URL);
        return url.isSet() ? DatabaseUrlParser.parse(url.text(), concurrency) : null;
    }

    private int wholeNumber(Setting setting, int defaultValue, int min, int max, String accepted) {
        RawValue value = raw(setting);
        return value.isSet() ? SettingValues.wholeNumber(value.source(), value.text(), min, max, accepted) : defaultValue;
    }

    private boolean bool(Setting setting, boolean defaultValue) {
        RawValue value = raw(setting);
        return value.isSet() ? SettingValues.bool(value.source(), value.text()) : defaultValue;
    }

    private Path dataDir() {
        RawValue value = raw(Setting.DATA_DIR);
        Path dir = path(value, value.isSet() ? value.text() : DEFAULT_DATA_DIR, "a folder path");
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidSettingException(value.source(), dir.toString(),
                    "a folder (it is created if missing), not a file");
        }
        return dir;
    }

    private Path templatesDir() {
        RawValue value = raw(Setting.TEMPLATES_DIR);
        if (!value.isSet()) {
            return null;
        }
        Path dir = path(value, value.text(), "an existing folder of template files");
        if (!Files.isDirectory(dir)) {
            throw new InvalidSettingException(value.source(), value.text(),
                    "an existing folder of template files (relative paths start at the working directory)");
        }
        return dir;
    }

    private Path path(RawValue value, String text, String accepted) {
        try {
            return workingDirectory.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(value.source(), text, accepted);
        }
    }

    private String modelName() {
        RawValue value = raw(Setting.MODEL_NAME);
        if (!value.isSet()) {
            return null;
        }
        if (WHITESPACE_OR_CONTROL.matcher(value.text()).find()) {
            throw new InvalidSettingException(value.source(), value.text(),
                    "a model id without spaces, such as openai/gpt-4o-mini");
        }
        return value.text();
    }

    private String workerSchema(String appSchema) {
        RawValue value = raw(Setting.WORKER_SCHEMA);
        if (!value.isSet()) {
            requireOwnSchema(value, DEFAULT_WORKER_SCHEMA, appSchema);
            return DEFAULT_WORKER_SCHEMA;
        }

        String schema = value.text();
        if (!LOWERCASE_IDENTIFIER.matcher(schema).matches() || schema.startsWith("pg_")) {
            // PostgreSQL reserves the pg_ prefix for system schemas.
            throw new InvalidSettingException(value.source(), schema, "a lower-case schema name of letters, digits"
                    + " and '_', 1 to 63 characters, not starting with a digit or pg_, such as prompt_lab");
        }
        requireOwnSchema(value, schema, appSchema);
        return schema;
    }

    /** Rejects a worker schema that is the application's: Prisma would see the worker's tables as drift. */
    private static void requireOwnSchema(RawValue value, String workerSchema, String appSchema) {
        if (workerSchema.equals(appSchema)) {
            throw new InvalidSettingException(value.source(), workerSchema, "a schema other than the application's"
                    + " tables' schema '" + appSchema + "', so that Prisma migrations never see the worker's tables");
        }
    }

    private BigDecimal budgetUsd() {
        RawValue value = raw(Setting.BUDGET_USD);
        if (!value.isSet()) {
            return null;
        }
        try {
            BigDecimal budget = new BigDecimal(value.text());
            if (budget.signum() > 0) {
                return budget;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted form.
        }
        throw new InvalidSettingException(value.source(), value.text(),
                "a positive amount of US dollars such as 0.50, or unset for no budget");
    }

    private Secret apiKey() {
        RawValue value = raw(Setting.OPENROUTER_API_KEY);
        if (!value.isSet()) {
            return null;
        }
        if (WHITESPACE_OR_CONTROL.matcher(value.text()).find()) {
            throw new InvalidSettingException("Invalid " + value.source() + " (value hidden): it contains a space"
                    + " or a control character inside; give the key alone, as the OpenRouter dashboard shows it");
        }
        return Secret.ofNullable(value.text());
    }
}
