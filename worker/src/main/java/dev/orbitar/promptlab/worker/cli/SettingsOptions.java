package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.settings.Setting;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import dev.orbitar.promptlab.worker.settings.WorkerSettingsLoader;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of every worker setting, mixed into each command with {@code @Mixin}. A flag wins over its
 * environment variable; a flag left out keeps the variable's value or the default. Values are validated in
 * {@link WorkerSettingsLoader}, so a bad value gets the same message from a flag as from a variable.
 */
public class SettingsOptions {

    @Mixin
    DatabaseOptions databaseOptions = new DatabaseOptions();

    @Option(names = "--batch-limit", paramLabel = "N",
            description = "Maximum number of tasks in one batch, 1 or more. Env LAB_BATCH_LIMIT; default 20.")
    Integer batchLimit;

    @Option(names = "--max-safe", paramLabel = "N",
            description = "Largest batch limit that may run; a larger limit aborts the batch with exit code 1."
                    + " Env LAB_MAX_SAFE; default 200.")
    Integer maxSafe;

    @Option(names = "--dry-run", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Write nothing and log what would be written. Env LAB_DRY_RUN; default false.")
    Boolean dryRun;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "Model id for every refinement, such as openai/gpt-4o-mini. Env LAB_MODEL_NAME;"
                    + " default: the model chosen per task category.")
    String modelName;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Tasks run at once, 1 to 64; also sets the default connection pool size (N + 2)."
                    + " Env LAB_CONCURRENCY; default 4.")
    Integer concurrency;

    @Option(names = "--lease-seconds", paramLabel = "SECONDS",
            description = "Seconds a claimed task stays claimed before another worker may take it, 30 to 86400."
                    + " Env LAB_LEASE_SECONDS; default 900.")
    Integer leaseSeconds;

    @Option(names = "--templates-dir", paramLabel = "DIR",
            description = "Existing folder of extra template files, loaded beside the built-in ones."
                    + " Env LAB_TEMPLATES_DIR; default: none.")
    String templatesDir;

    @Option(names = "--budget-usd", paramLabel = "USD",
            description = "Provider cost in US dollars at which a batch starts no new task, such as 0.50."
                    + " Env LAB_BUDGET_USD; default: no budget.")
    String budgetUsd;

    // Interactive: given alone, the flag prompts for the key without echoing it, so it never enters shell history.
    @Option(names = "--openrouter-api-key", arity = "0..1", interactive = true, paramLabel = "KEY",
            description = "OpenRouter API key; give the flag alone to type the key at a prompt that does not echo"
                    + " it. Env OPENROUTER_API_KEY; default: none, which refines offline.")
    char[] openRouterApiKey;

    /**
     * Merges the flags given with the environment and validates the result.
     *
     * @throws dev.orbitar.promptlab.worker.settings.InvalidSettingException on the first invalid value
     */
    public WorkerSettings resolve(Map<String, String> environment) {
        return WorkerSettingsLoader.load(environment, givenFlags());
    }

    /** Returns the text of each flag that was given, by the setting it overrides. */
    Map<Setting, String> givenFlags() {
        Map<Setting, String> flags = databaseOptions.givenFlags();
        put(flags, Setting.BATCH_LIMIT, batchLimit);
        put(flags, Setting.MAX_SAFE, maxSafe);
        put(flags, Setting.DRY_RUN, dryRun);
        put(flags, Setting.MODEL_NAME, modelName);
        put(flags, Setting.CONCURRENCY, concurrency);
        put(flags, Setting.LEASE_SECONDS, leaseSeconds);
        put(flags, Setting.TEMPLATES_DIR, templatesDir);
        put(flags, Setting.BUDGET_USD, budgetUsd);
        if (openRouterApiKey != null) {
            flags.put(Setting.OPENROUTER_API_KEY, new String(openRouterApiKey));
        }
        return flags;
    }

    private static void put(Map<Setting, String> flags, Setting setting, Object value) {
        DatabaseOptions.put(flags, setting, value);
    }
}
