package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.batch.BatchFailedException;
import dev.orbitar.promptlab.worker.batch.BatchSummary;
import dev.orbitar.promptlab.worker.experiments.ActiveExperiments;
import dev.orbitar.promptlab.worker.experiments.ExperimentSettings;
import dev.orbitar.promptlab.worker.lab.BatchLauncher;
import dev.orbitar.promptlab.worker.lab.BatchLauncher.PreparedBatch;
import dev.orbitar.promptlab.worker.store.DatabaseUnavailableException;
import dev.orbitar.promptlab.worker.lab.LabDatabase;
import dev.orbitar.promptlab.worker.lab.LabEngines;
import dev.orbitar.promptlab.worker.runtime.ShutdownCoordinator.BatchGuard;
import dev.orbitar.promptlab.worker.runtime.RunOrigin;
import dev.orbitar.promptlab.worker.runtime.ShutdownCoordinator;
import dev.orbitar.promptlab.worker.runtime.TerminationMessage;
import dev.orbitar.promptlab.worker.logging.LogFormat;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import dev.orbitar.promptlab.worker.store.Migrations.MigrationException;
import dev.orbitar.promptlab.worker.templates.TemplateCatalog;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
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
            "Runs one Lab batch and exits (the default command).",
            "",
            "Claims up to LAB_BATCH_LIMIT tasks, refines each with its template, scores every refinement, writes "
                    + "LabRun and LabScore rows and logs a summary. With no DATABASE_URL it starts an embedded "
                    + "PostgreSQL under LAB_DATA_DIR and loads demo tasks on its first run."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the batch ran (failed tasks are recorded as error runs), or stopped at its cost budget",
            "1:the batch could not run or was cut short (database unreachable, limit above LAB_MAX_SAFE,"
                    + " provider rejected the key or credit)",
            "2:invalid configuration",
            "143:stopped by SIGTERM (unfinished runs are set to error interrupted and their tasks released)"
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
        // Logback has already chosen the format; this rejects a value it silently fell back from.
        LogFormat.parse(environment);
        TemplateCatalog templates = TemplateCatalog.load(settings.templatesDir());
        ActiveExperiments experiments = ExperimentSettings.load(environment, templates);
        experiments.all().forEach(experiment -> cron.info("Experiment {} is active", experiment.describe()));
        TerminationMessage termination = TerminationMessage.fromEnv(environment);

        cron.info("[PromptLabCron] Starting Lab batch { limit: {} }", settings.batchLimit());
        if (settings.batchLimitAboveMaxSafe()) {
            String reason = "LAB_BATCH_LIMIT " + settings.batchLimit() + " is above LAB_MAX_SAFE " + settings.maxSafe()
                    + "; lower the limit or raise LAB_MAX_SAFE";
            cron.error("[PromptLabCron] Lab batch failed: {}", reason);
            termination.writeFailed(null, reason);
            return ExitCodes.FAILED;
        }

        ShutdownCoordinator shutdown = ShutdownCoordinator.fromEnv(environment);
        shutdown.install();
        AtomicReference<PreparedBatch> running = new AtomicReference<>();
        // The guard is closed last, after the database: on SIGTERM the JVM halts once the guard is closed, and the
        // embedded server must have stopped by then.
        try (BatchGuard guard = shutdown.guard(reason -> stopRunning(running, reason));
                LabEngines engines = LabEngines.create(settings, environment);
                LabDatabase database = LabDatabase.openForBatches(settings)) {
            BatchLauncher launcher = new BatchLauncher(database.database(), templates, experiments, engines,
                    settings, Clock.systemUTC());
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
            shutdown.onCutShort(database::close);
            running.set(batch);
            shutdown.stopReason().ifPresent(batch.runner()::requestStop);

            BatchSummary summary = batch.run();
            logSummary(summary);
            termination.write(summary);
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

    /** Logs the old worker's closing line, or the reason the batch ended early. */
    static void logSummary(BatchSummary summary) {
        if (summary.stoppedEarly() && summary.stopCause().isFailure()) {
            cron.warn("[PromptLabCron] Stopped Lab batch early ({}) { runsCreated: {}, scoresCreated: {} }",
                    summary.stopReason(), summary.runsCreated(), summary.scoresCreated());
            return;
        }
        cron.info("[PromptLabCron] Completed Lab batch { runsCreated: {}, scoresCreated: {} }",
                summary.runsCreated(), summary.scoresCreated());
    }

    private static void stopRunning(AtomicReference<PreparedBatch> running, String reason) {
        PreparedBatch batch = running.get();
        if (batch != null) {
            batch.runner().requestStop(reason);
        }
    }
}
