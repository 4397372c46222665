package dev.orbitar.promptlab.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbitar.promptlab.worker.settings.InvalidSettingException;
import dev.orbitar.promptlab.worker.settings.Setting;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The settings flags, parsed by picocli and merged with the environment. */
class SettingsOptionsTest {

    @Command(name = "run")
    static class RunCommand {
        @Mixin
        SettingsOptions settings;
    }

    private static SettingsOptions parse(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings;
    }

    @Test
    void noFlagsKeepEnvironment() {
        WorkerSettings settings = parse().resolve(Map.of("LAB_BATCH_LIMIT", "30", "LAB_DRY_RUN", "true"));

        assertThat(settings.batchLimit()).isEqualTo(30);
        assertThat(settings.dryRun()).isTrue();
    }

    @Test
    void flagsWinOverEnvironment() {
        WorkerSettings settings = parse("--batch-limit", "5", "--max-safe=10", "--concurrency", "2",
                "--lease-seconds", "60", "--model", "openai/gpt-4o", "--worker-schema", "lab_w")
                .resolve(Map.of("LAB_BATCH_LIMIT", "30", "LAB_MODEL_NAME", "other/model"));

        assertThat(settings.batchLimit()).isEqualTo(5);
        assertThat(settings.maxSafe()).isEqualTo(10);
        assertThat(settings.concurrency()).isEqualTo(2);
        assertThat(settings.lease().toSeconds()).isEqualTo(60);
        assertThat(settings.modelName()).isEqualTo("openai/gpt-4o");
        assertThat(settings.workerSchema()).isEqualTo("lab_w");
    }

    @Test
    void dryRunAloneMeansTrue() {
        assertThat(parse("--dry-run").resolve(Map.of("LAB_DRY_RUN", "false")).dryRun()).isTrue();
    }

    @Test
    void dryRunFalseOverridesEnvironment() {
        assertThat(parse("--dry-run=false").resolve(Map.of("LAB_DRY_RUN", "true")).dryRun()).isFalse();
    }

    @Test
    void noMigrateTurnsMigrationsOff() {
        assertThat(parse("--no-migrate").resolve(Map.of()).migrate()).isFalse();
    }

    @Test
    void migrateFalseTurnsMigrationsOff() {
        assertThat(parse("--migrate=false").resolve(Map.of("LAB_MIGRATE", "true")).migrate()).isFalse();
    }

    @Test
    void migrateAloneOverridesEnvironment() {
        assertThat(parse("--migrate").resolve(Map.of("LAB_MIGRATE", "false")).migrate()).isTrue();
    }

    @Test
    void databaseUrlFlag() {
        WorkerSettings settings = parse("--database-url", "postgresql://lab@db/app").resolve(Map.of());

        assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
    }

    @Test
    void apiKeyFlagWithValue() {
        WorkerSettings settings = parse("--openrouter-api-key=sk-or-v1-abc").resolve(Map.of());

        assertThat(settings.openRouterApiKey().reveal()).isEqualTo("sk-or-v1-abc");
    }

    @Test
    void givenFlagsListOnlyGivenFlags() {
        assertThat(parse("--data-dir", "state", "--templates-dir", "t").givenFlags())
                .isEqualTo(Map.of(Setting.DATA_DIR, "state", Setting.TEMPLATES_DIR, "t"));
    }

    @Test
    void badFlagValueNamesFlag() {
        assertThatThrownBy(() -> parse("--batch-limit", "0").resolve(Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid --batch-limit '0': a whole number of tasks from 1 up");
    }

    @Test
    void nonNumericFlagIsRejectedByPicocli() {
        assertThatThrownBy(() -> parse("--concurrency", "many"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--concurrency")
                .hasMessageContaining("many");
    }

    @Test
    void badBooleanFlagIsRejectedByPicocli() {
        assertThatThrownBy(() -> parse("--dry-run=maybe"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("maybe");
    }

    @Test
    void helpNamesEveryVariable() {
        String help = new CommandLine(new RunCommand()).getUsageMessage();

        for (Setting setting : Setting.values()) {
            // picocli shows a negatable flag as --[no-]migrate.
            assertThat(help).contains(setting.flag().substring(2));
            assertThat(help).contains(setting.environmentVariable());
        }
    }

    @Test
    void helpShowsNoKey() {
        String help = new CommandLine(new RunCommand()).getUsageMessage();

        assertThat(help).contains("--[no-]migrate");
        assertThat(help).doesNotContain("sk-or");
    }
}
