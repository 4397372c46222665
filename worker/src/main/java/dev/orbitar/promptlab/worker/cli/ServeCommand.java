package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.batch.BatchSummary;
import dev.orbitar.promptlab.worker.http.BatchTrigger;
import dev.orbitar.promptlab.worker.http.LabHttpServer;
import dev.orbitar.promptlab.worker.http.ServeOptions;
import dev.orbitar.promptlab.worker.http.TriggerContext;
import dev.orbitar.promptlab.worker.experiments.ActiveExperiments;
import dev.orbitar.promptlab.worker.experiments.ExperimentSettings;
import dev.orbitar.promptlab.worker.lab.BatchLauncher;
import dev.orbitar.promptlab.worker.lab.BatchLauncher.PreparedBatch;
import dev.orbitar.promptlab.worker.store.DatabaseUnavailableException;
import dev.orbitar.promptlab.worker.lab.LabDatabase;
import dev.orbitar.promptlab.worker.lab.LabEngines;
import dev.orbitar.promptlab.worker.runtime.RunOrigin;
import dev.orbitar.promptlab.worker.runtime.ShutdownCoordinator;
import dev.orbitar.promptlab.worker.runtime.ShutdownCoordinator.BatchGuard;
import dev.orbitar.promptlab.worker.logging.LogFormat;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import dev.orbitar.promptlab.worker.store.Migrations.MigrationException;
import dev.orbitar.promptlab.worker.templates.TemplateCatalog;
import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Serves HTTP triggers: each POST runs one batch inside the request. For a Cloud Run service called by Cloud
 * Scheduler, or a Knative Service called by a PingSource.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = WorkerVersion.class,
        description = {
            "Serves HTTP triggers: each POST runs one batch.",
            "",
            "Listens on $PORT (default 8080). GET / and GET /health answer {\"status\":\"ok\"}; POST / and POST /run "
                    + "run one batch and answer {\"runsCreated\":X,\"scoresCreated\":Y}. CloudEvents (binary or "
                    + "structured) are accepted on POST /. One batch runs at a time: a second request gets 409 with "
                    + "Retry-After. The batch settings below apply to every batch."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the server stopped",
            "1:the server could not start (database unreachable, LAB_BATCH_LIMIT above LAB_MAX_SAFE)",
            "2:invalid configuration",
            "143:stopped by SIGTERM"
        })
final class ServeCommand implements Callable<Integer> {

    private static final Logger cron = LoggerFactory.getLogger("PromptLabCron");

    @Mixin
    private SettingsOptions settingsOptions;

    private final Map<String, String> environment;

    ServeCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        WorkerSettings settings = settingsOptions.resolve(environment);
        // Logback has already chosen the format; this rejects a value it silently fell back from.
        LogFormat.parse(environment);
        TemplateCatalog templates = TemplateCatalog.load(settings.templatesDir());
        ActiveExperiments experiments = ExperimentSettings.load(environment, templates);
        experiments.all().forEach(experiment -> cron.info("Experiment {} is active", experiment.describe()));
        ServeOptions defaults = ServeOptions.fromEnv(environment);
        ServeOptions options = new ServeOptions(defaults.bindAddress(), defaults.port(), settings.maxSafe(),
                defaults.token(), defaults.redeliveryWindow(), defaults.retryAfter());
        if (settings.batchLimitAboveMaxSafe()) {
            cron.error("LAB_BATCH_LIMIT {} is above LAB_MAX_SAFE {}; lower the limit or raise LAB_MAX_SAFE",
                    settings.batchLimit(), settings.maxSafe());
            return ExitCodes.FAILED;
        }

        ShutdownCoordinator shutdown = ShutdownCoordinator.fromEnv(environment);
        shutdown.install();
        try (LabEngines engines = LabEngines.create(settings, environment);
                LabDatabase database = LabDatabase.openForBatches(settings)) {
            BatchLauncher launcher = new BatchLauncher(database.database(), templates, experiments, engines,
                    settings, Clock.systemUTC());
            HttpBatchTrigger trigger = new HttpBatchTrigger(launcher, settings);
            shutdown.onCutShort(trigger::closeOutRunningBatch);
            shutdown.onCutShort(database::close);

            try (LabHttpServer server = LabHttpServer.start(options, trigger)) {
                // The server is registered before the guard, and SIGTERM waits for them in that order: first the
                // running batch's response, then the database's close below, so the JVM never halts while the
                // embedded server still runs.
                shutdown.register(server);
                try (BatchGuard guard = shutdown.guard(reason -> { })) {
                    server.awaitClosed();
                    database.close();
                }
            }
            return ExitCodes.OK;
        } catch (DatabaseUnavailableException | MigrationException e) {
            cron.error("Serve mode could not start: {}", e.getMessage());
            return ExitCodes.FAILED;
        } catch (BindException e) {
            cron.error("Serve mode could not start: PORT {} is not available ({}); choose another PORT",
                    options.port(), e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    /** Runs one batch per request with the old worker's log lines; remembers the running one for SIGTERM. */
    private static final class HttpBatchTrigger implements BatchTrigger {

        private final BatchLauncher launcher;
        private final WorkerSettings settings;
        private final AtomicReference<PreparedBatch> running = new AtomicReference<>();

        HttpBatchTrigger(BatchLauncher launcher, WorkerSettings settings) {
            this.launcher = launcher;
            this.settings = settings;
        }

        @Override
        public BatchSummary runBatch(TriggerContext context) {
            int limit = context.batchLimit().orElse(settings.batchLimit());
            Map<String, String> origin = new HashMap<>(RunOrigin.current().toMap());
            origin.putAll(context.origin());
            PreparedBatch batch = launcher.prepare(limit, origin);

            MDC.put("batchId", batch.batchId());
            running.set(batch);
            try {
                cron.info("[PromptLabCron] Starting Lab batch { limit: {} }", limit);
                BatchSummary summary = batch.run();
                RunBatchCommand.logSummary(summary);
                return summary;
            } catch (RuntimeException e) {
                cron.error("[PromptLabCron] Lab batch failed: {}", e.getMessage());
                throw e;
            } finally {
                running.set(null);
                MDC.remove("batchId");
            }
        }

        @Override
        public void requestStop(String reason) {
            PreparedBatch batch = running.get();
            if (batch != null) {
                batch.runner().requestStop(reason);
            }
        }

        void closeOutRunningBatch() {
            PreparedBatch batch = running.get();
            if (batch != null) {
                batch.cutShort();
            }
        }
    }
}
