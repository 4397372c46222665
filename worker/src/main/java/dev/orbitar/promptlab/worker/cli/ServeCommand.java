package dev.orbitar.promptlab.worker.cli;

import dev.orbitar.promptlab.worker.http.LabHttpServer;
import dev.orbitar.promptlab.worker.http.ServeOptions;
import dev.orbitar.promptlab.worker.experiments.ActiveExperiments;
import dev.orbitar.promptlab.worker.experiments.ExperimentSettings;
import dev.orbitar.promptlab.worker.lab.BatchLauncher;
import dev.orbitar.promptlab.worker.store.DatabaseUnavailableException;
import dev.orbitar.promptlab.worker.lab.LabDatabase;
import dev.orbitar.promptlab.worker.lab.LabEngines;
import dev.orbitar.promptlab.worker.runtime.ShutdownCoordinator;
import dev.orbitar.promptlab.worker.runtime.ShutdownCoordinator.BatchGuard;
import dev.orbitar.promptlab.worker.logging.LogFormat;
import dev.orbitar.promptlab.worker.settings.WorkerSettings;
import dev.orbitar.promptlab.worker.store.Migrations.MigrationException;
import dev.orbitar.promptlab.worker.templates.TemplateCatalog;
import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    // Marking runs, releasing claims and stopping an embedded PostgreSQL take well under this.
    private static final Duration MAX_CLOSE_OUT = Duration.ofSeconds(2);

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
        CompletableFuture<String> stopRequest = new CompletableFuture<>();
        // This thread runs the whole stop in order, and the hook only requests it and waits for the guard. The guard is
        // closed last, after the server and the database, because the JVM halts as soon as the hook finds it closed.
        try (BatchGuard guard = shutdown.guard(stopRequest::complete);
                LabEngines engines = LabEngines.create(settings, environment);
                LabDatabase database = LabDatabase.openForBatches(settings)) {
            BatchLauncher launcher = new BatchLauncher(database.database(), templates, experiments, engines,
                    settings, Clock.systemUTC());
            HttpBatchTrigger trigger = new HttpBatchTrigger(launcher, settings);

            try (LabHttpServer server = LabHttpServer.start(options, trigger)) {
                String reason = stopRequest.join();
                drain(server, trigger, reason, shutdown.grace());
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

    /**
     * Stops serving: new requests get 503 and the running batch starts no new task. A batch that ends within the
     * grace period, less the time kept for the close-out, sends its response. One that does not is cut short, and
     * its request gets 503. The caller then closes the server and the database within the grace period.
     */
    static void drain(LabHttpServer server, HttpBatchTrigger trigger, String reason, Duration grace)
            throws InterruptedException {
        Duration closeOut = closeOutTime(grace);
        server.requestStop(reason);
        if (server.awaitIdle(grace.minus(closeOut))) {
            return;
        }

        trigger.cutShortRunningBatch();
        if (!server.awaitIdle(closeOut.dividedBy(2))) {
            cron.warn("Response to the cut-short batch's request timed out after {} ms, so its caller gets none",
                    closeOut.dividedBy(2).toMillis());
        }
    }

    /** Returns the part of the grace period kept for the cut-short close-out and for closing the server and database. */
    static Duration closeOutTime(Duration grace) {
        Duration half = grace.dividedBy(2);
        return half.compareTo(MAX_CLOSE_OUT) < 0 ? half : MAX_CLOSE_OUT;
    }
}
