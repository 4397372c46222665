package dev.orbitar.promptlab.worker.settings;

/** One worker setting: the environment variable that sets it and the command-line flag that overrides it. */
public enum Setting {
    DATABASE_URL("DATABASE_URL", "--database-url"),
    DATA_DIR("LAB_DATA_DIR", "--data-dir"),
    BATCH_LIMIT("LAB_BATCH_LIMIT", "--batch-limit"),
    MAX_SAFE("LAB_MAX_SAFE", "--max-safe"),
    DRY_RUN("LAB_DRY_RUN", "--dry-run"),
    MODEL_NAME("LAB_MODEL_NAME", "--model"),
    CONCURRENCY("LAB_CONCURRENCY", "--concurrency"),
    LEASE_SECONDS("LAB_LEASE_SECONDS", "--lease-seconds"),
    MIGRATE("LAB_MIGRATE", "--migrate"),
    WORKER_SCHEMA("LAB_WORKER_SCHEMA", "--worker-schema"),
    TEMPLATES_DIR("LAB_TEMPLATES_DIR", "--templates-dir"),
    BUDGET_USD("LAB_BUDGET_USD", "--budget-usd"),
    OPENROUTER_API_KEY("OPENROUTER_API_KEY", "--openrouter-api-key");

    private final String environmentVariable;
    private final String flag;

    Setting(String environmentVariable, String flag) {
        this.environmentVariable = environmentVariable;
        this.flag = flag;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public String flag() {
        return flag;
    }
}
