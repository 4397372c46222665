package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.batch.BatchFailedException;
import dev.orbitar.promptlab.worker.batch.BatchSummary;
import dev.orbitar.promptlab.worker.lab.BatchLauncher;
import dev.orbitar.promptlab.worker.lab.BatchLauncher.PreparedBatch;
import dev.orbitar.promptlab.worker.lab.DatabaseUnavailableException;
import dev.orbitar.promptlab.worker.lab.LabDatabase;
import dev.orbitar.promptlab.worker.lab.LabEngines;
import dev.orbitar.promptlab.worker.runtime.ShutdownCoordinator.BatchGuard;
import dev.orbitar.promptlab.worker.runtime.RunOrigin;
import dev.orbitar.promptlab.worker.runtime.ShutdownCoordinator;
import dev.orbitar.promptlab.worker.runtime.TerminationMessage;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import dev.orbitar.promptlab.worker.store.Migrations.MigrationException;
import dev.orbitar.promptlab.worker.templates.TemplateCatalog;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs one Lab batch and exits: the command of a CronJob, a Cloud Run Job, or a person at a terminal. */
@Command(
        name = "run-batch",
        mixinStandardHelpOptions = true,
        versionProvider = WorkerVersion.class,
        description = {
            "Runs one Lab batch: claims up to LAB_BATCH_LIMIT tasks, refines each with its template, scores every",
            "refinement, writes LabRun and LabScore rows, logs a summary and exits. With no DATABASE_URL it starts",
            "an embedded PostgreSQL under LAB_DATA_DIR and loads demo tasks on its first run."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the batch ran (failed tasks are recorded as error runs), or stopped at its cost budget",
            "1:the batch could not run or was cut short (database unreachable, limit above LAB_MAX_SAFE,"
                    + " provider refused the key or credit, SIGTERM)",
            "2:invalid configuration"
        })
final class RunBatchCommand implements Callable<Integer> {

    private static final Logger cron = LoggerFactory.getLogger("PromptLabCron");

    @Mixin
    private SettingsOptions settingsOptions;

    private final Map<String, String> environment;

    RunBatchCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        WorkerSettings settings = settingsOptions.resolve(environment);
        TemplateCatalog templates = TemplateCatalog.load(settings.templatesDir());
        TerminationMessage termination = TerminationMessage.fromEnv(environment);

        cron.info("[PromptLabCron] Starting Lab batch { limit: {} }", settings.batchLimit());
        if (settings.batchLimitAboveMaxSafe()) {
            cron.error("[PromptLabCron] Lab batch failed: LAB_BATCH_LIMIT {} is above LAB_MAX_SAFE {}; lower the"
                    + " limit or raise LAB_MAX_SAFE", settings.batchLimit(), settings.maxSafe());
            return ExitCodes.FAILED;
        }

        ShutdownCoordinator shutdown = ShutdownCoordinator.fromEnv(environment);
        shutdown.install();
        try (LabEngines engines = LabEngines.create(settings, environment);
                LabDatabase database = LabDatabase.open(settings)) {
            BatchLauncher launcher = new BatchLauncher(database.database(), templates, engines, settings,
                    Clock.systemUTC());
            PreparedBatch batch = launcher.prepare(settings.batchLimit(), RunOrigin.current().toMap());
            MDC.put("batchId", batch.batchId());
            shutdown.onCutShort(() -> {
                // The hook thread has no log context, so the line names the batch itself.
                BatchSummary cut = batch.cutShort();
                cron.warn("[PromptLabCron] Lab batch {} cut short by {} { runsCreated: {}, scoresCreated: {},"
                        + " failures: {}, released: {} }", cut.batchId(), cut.stopReason(), cut.runsCreated(),
                        cut.scoresCreated(), cut.failures(), cut.released());
                termination.write(cut);
            });

            BatchSummary summary;
            try (BatchGuard guard = shutdown.guard(batch.runner()::requestStop)) {
                summary = batch.run();
                cron.info("[PromptLabCron] Completed Lab batch { runsCreated: {}, scoresCreated: {} }",
                        summary.runsCreated(), summary.scoresCreated());
                termination.write(summary);
            }
            boolean failed = summary.stoppedEarly() && summary.stopCause().isFailure();
            return failed ? ExitCodes.FAILED : ExitCodes.OK;
        } catch (DatabaseUnavailableException | MigrationException | BatchFailedException e) {
            cron.error("[PromptLabCron] Lab batch failed: {}", e.getMessage());
            termination.writeFailed(MDC.get("batchId"), e.getMessage());
            return ExitCodes.FAILED;
        } finally {
            MDC.remove("batchId");
        }
    }
}
