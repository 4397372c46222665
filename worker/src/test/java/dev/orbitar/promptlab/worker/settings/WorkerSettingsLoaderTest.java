package dev.orbitar.promptlab.worker.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults, each setting's accepted values and each rejection, from the environment and from flags. */
class WorkerSettingsLoaderTest {

    @TempDir
    Path workingDirectory;

    private WorkerSettings load(Map<String, String> environment) {
        return WorkerSettingsLoader.load(environment, Map.of(), workingDirectory);
    }

    private WorkerSettings load(Map<String, String> environment, Map<Setting, String> flags) {
        return WorkerSettingsLoader.load(environment, flags, workingDirectory);
    }

    private String messageOf(Map<String, String> environment) {
        try {
            load(environment);
        } catch (InvalidSettingException e) {
            return e.getMessage();
        }
        throw new AssertionError("no exception for " + environment);
    }

    @Test
    void emptyEnvironmentGivesDefaults() {
        WorkerSettings settings = load(Map.of());

        assertThat(settings.database()).isNull();
        assertThat(settings.usesEmbeddedDatabase()).isTrue();
        assertThat(settings.dataDir()).isEqualTo(workingDirectory.resolve(".prompt-lab"));
        assertThat(settings.batchLimit()).isEqualTo(20);
        assertThat(settings.maxSafe()).isEqualTo(200);
        assertThat(settings.dryRun()).isFalse();
        assertThat(settings.modelName()).isNull();
        assertThat(settings.concurrency()).isEqualTo(4);
        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(900));
        assertThat(settings.migrate()).isTrue();
        assertThat(settings.workerSchema()).isEqualTo("prompt_lab");
        assertThat(settings.templatesDir()).isNull();
        assertThat(settings.openRouterApiKey()).isNull();
    }

    @Test
    void defaultDataDirIsUnderProcessWorkingDirectory() {
        WorkerSettings settings = WorkerSettingsLoader.load(Map.of());

        assertThat(settings.dataDir()).isEqualTo(Path.of(".prompt-lab").toAbsolutePath());
    }

    @Test
    void everySettingFromEnvironment() throws IOException {
        Path templates = Files.createDirectory(workingDirectory.resolve("templates"));

        WorkerSettings settings = load(Map.ofEntries(
                Map.entry("DATABASE_URL", "postgresql://lab:secret@db/app?schema=app"),
                Map.entry("LAB_DATA_DIR", "state"),
                Map.entry("LAB_BATCH_LIMIT", "50"),
                Map.entry("LAB_MAX_SAFE", "500"),
                Map.entry("LAB_DRY_RUN", "TRUE"),
                Map.entry("LAB_MODEL_NAME", "openai/gpt-4o-mini"),
                Map.entry("LAB_CONCURRENCY", "8"),
                Map.entry("LAB_LEASE_SECONDS", "30"),
                Map.entry("LAB_MIGRATE", "false"),
                Map.entry("LAB_WORKER_SCHEMA", "lab_worker"),
                Map.entry("LAB_TEMPLATES_DIR", "templates"),
                Map.entry("OPENROUTER_API_KEY", "sk-or-v1-abc\n")));

        assertThat(settings.database().schema()).isEqualTo("app");
        assertThat(settings.database().maxPoolSize()).isEqualTo(10);
        assertThat(settings.dataDir()).isEqualTo(workingDirectory.resolve("state"));
        assertThat(settings.batchLimit()).isEqualTo(50);
        assertThat(settings.maxSafe()).isEqualTo(500);
        assertThat(settings.dryRun()).isTrue();
        assertThat(settings.modelName()).isEqualTo("openai/gpt-4o-mini");
        assertThat(settings.concurrency()).isEqualTo(8);
        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.migrate()).isFalse();
        assertThat(settings.workerSchema()).isEqualTo("lab_worker");
        assertThat(settings.templatesDir()).isEqualTo(templates);
        assertThat(settings.openRouterApiKey().reveal()).isEqualTo("sk-or-v1-abc");
    }

    @Test
    void flagWinsOverEnvironment() {
        WorkerSettings settings = load(
                Map.of("LAB_BATCH_LIMIT", "50", "LAB_DRY_RUN", "false"),
                Map.of(Setting.BATCH_LIMIT, "7", Setting.DRY_RUN, "true"));

        assertThat(settings.batchLimit()).isEqualTo(7);
        assertThat(settings.dryRun()).isTrue();
    }

    @Test
    void flagErrorNamesFlag() {
        assertThatThrownBy(() -> load(Map.of("LAB_CONCURRENCY", "4"), Map.of(Setting.CONCURRENCY, "0")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid --concurrency '0': a whole number of tasks from 1 to 64");
    }

    @Test
    void blankValueCountsAsUnset() {
        WorkerSettings settings = load(Map.of("LAB_BATCH_LIMIT", "", "LAB_MODEL_NAME", "  ", "DATABASE_URL", ""));

        assertThat(settings.batchLimit()).isEqualTo(20);
        assertThat(settings.modelName()).isNull();
        assertThat(settings.database()).isNull();
    }

    @Test
    void limitAboveMaxSafeIsAccepted() {
        WorkerSettings settings = load(Map.of("LAB_BATCH_LIMIT", "500", "LAB_MAX_SAFE", "200"));

        assertThat(settings.batchLimit()).isEqualTo(500);
        assertThat(settings.batchLimitAboveMaxSafe()).isTrue();
    }

    @Test
    void limitAtMaxSafeIsSafe() {
        WorkerSettings settings = load(Map.of("LAB_BATCH_LIMIT", "200"));

        assertThat(settings.batchLimitAboveMaxSafe()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "LAB_BATCH_LIMIT|0|a whole number of tasks from 1 up",
        "LAB_BATCH_LIMIT|-3|a whole number of tasks from 1 up",
        "LAB_BATCH_LIMIT|twenty|a whole number of tasks from 1 up",
        "LAB_BATCH_LIMIT|99999999999|a whole number of tasks from 1 up",
        "LAB_MAX_SAFE|0|a whole number of tasks from 1 up",
        "LAB_MAX_SAFE|2.5|a whole number of tasks from 1 up",
        "LAB_DRY_RUN|yes|true or false",
        "LAB_DRY_RUN|1|true or false",
        "LAB_CONCURRENCY|0|a whole number of tasks from 1 to 64",
        "LAB_CONCURRENCY|65|a whole number of tasks from 1 to 64",
        "LAB_CONCURRENCY|four|a whole number of tasks from 1 to 64",
        "LAB_LEASE_SECONDS|29|a whole number of seconds from 30 to 86400",
        "LAB_LEASE_SECONDS|86401|a whole number of seconds from 30 to 86400",
        "LAB_LEASE_SECONDS|15m|a whole number of seconds from 30 to 86400",
        "LAB_MIGRATE|no|true or false",
        "LAB_MIGRATE|off|true or false",
        "LAB_MODEL_NAME|gpt 4o|a model id without spaces, such as openai/gpt-4o-mini",
    })
    void invalidValueNamesSettingAndValue(String variable, String value, String accepted) {
        assertThat(messageOf(Map.of(variable, value))).isEqualTo("Invalid " + variable + " '" + value + "': " + accepted);
    }

    @ParameterizedTest
    @CsvSource({"Prompt_Lab", "1lab", "pg_lab", "lab-worker", "lab worker"})
    void invalidWorkerSchemaIsRejected(String schema) {
        assertThat(messageOf(Map.of("LAB_WORKER_SCHEMA", schema))).startsWith(
                "Invalid LAB_WORKER_SCHEMA '" + schema + "': a lower-case schema name of letters, digits and '_'");
    }

    @Test
    void longWorkerSchemaIsRejected() {
        assertThat(messageOf(Map.of("LAB_WORKER_SCHEMA", "w".repeat(64)))).startsWith("Invalid LAB_WORKER_SCHEMA 'www");
    }

    @Test
    void workerSchemaEqualToAppSchemaIsRejected() {
        assertThat(messageOf(Map.of("LAB_WORKER_SCHEMA", "public"))).isEqualTo("Invalid LAB_WORKER_SCHEMA 'public':"
                + " a schema other than the application's tables' schema 'public', so that Prisma migrations never"
                + " see the worker's tables");
    }

    @Test
    void workerSchemaDefaultClashesWithUrl() {
        assertThat(messageOf(Map.of("DATABASE_URL", "postgresql://lab@db/app?schema=prompt_lab")))
                .startsWith("Invalid LAB_WORKER_SCHEMA 'prompt_lab': a schema other than");
    }

    @Test
    void budgetFromEnvironment() {
        WorkerSettings settings = load(Map.of("LAB_BUDGET_USD", "0.50"));

        assertThat(settings.budgetUsd()).isEqualByComparingTo("0.50");
    }

    @Test
    void budgetUnsetMeansNoBudget() {
        assertThat(load(Map.of()).budgetUsd()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "ten", "1,5"})
    void invalidBudgetIsRejected(String budget) {
        assertThatThrownBy(() -> load(Map.of("LAB_BUDGET_USD", budget)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid LAB_BUDGET_USD '" + budget
                        + "': a positive amount of US dollars such as 0.50, or unset for no budget");
    }

    @Test
    void missingTemplatesDirIsRejected() {
        assertThat(messageOf(Map.of("LAB_TEMPLATES_DIR", "no-such-folder"))).isEqualTo("Invalid LAB_TEMPLATES_DIR"
                + " 'no-such-folder': an existing folder of template files (relative paths start at the working"
                + " directory)");
    }

    @Test
    void templatesDirThatIsFileIsRejected() throws IOException {
        Files.writeString(workingDirectory.resolve("templates.yaml"), "slug: x");

        assertThat(messageOf(Map.of("LAB_TEMPLATES_DIR", "templates.yaml")))
                .startsWith("Invalid LAB_TEMPLATES_DIR 'templates.yaml': an existing folder");
    }

    @Test
    void dataDirThatIsFileIsRejected() throws IOException {
        Path file = Files.writeString(workingDirectory.resolve("state"), "");

        assertThat(messageOf(Map.of("LAB_DATA_DIR", "state"))).isEqualTo(
                "Invalid LAB_DATA_DIR '" + file + "': a folder (it is created if missing), not a file");
    }

    @Test
    void dataDirWithNulIsRejected() {
        assertThat(messageOf(Map.of("LAB_DATA_DIR", "a\0b"))).isEqualTo("Invalid LAB_DATA_DIR 'a\0b': a folder path");
    }

    @Test
    void missingDataDirIsAccepted() {
        WorkerSettings settings = load(Map.of("LAB_DATA_DIR", "/nonexistent/prompt-lab"));

        assertThat(settings.dataDir()).isEqualTo(Path.of("/nonexistent/prompt-lab"));
    }

    @Test
    void apiKeyInnerSpaceHidesValue() {
        String message = messageOf(Map.of("OPENROUTER_API_KEY", "sk-or-v1 Zq9pW3xK"));

        assertThat(message).startsWith("Invalid OPENROUTER_API_KEY (value hidden): it contains a space");
        assertThat(message).doesNotContain("Zq9pW3xK");
    }

    @Test
    void databaseUrlErrorStopsLoading() {
        assertThat(messageOf(Map.of("DATABASE_URL", "postgresql://lab@db/app?sslmode=always"))).isEqualTo(
                "Invalid DATABASE_URL parameter sslmode 'always': disable, prefer or require");
    }

    @Test
    void concurrencySetsDefaultPoolSize() {
        WorkerSettings settings = load(Map.of("DATABASE_URL", "postgresql://lab@db/app", "LAB_CONCURRENCY", "16"));

        assertThat(settings.database().maxPoolSize()).isEqualTo(18);
    }

    @Test
    void toStringHidesSecrets() {
        WorkerSettings settings = load(Map.of(
                "DATABASE_URL", "postgresql://lab:Zq9pW3xK@db/app",
                "OPENROUTER_API_KEY", "sk-or-v1-Hy7tR2"));

        assertThat(settings.toString()).doesNotContain("Zq9pW3xK");
        assertThat(settings.toString()).doesNotContain("sk-or-v1-Hy7tR2");
    }
}
