package dev.orbitar.promptlab.worker.bench;

import dev.orbitar.promptlab.worker.batch.BatchSummary;
import dev.orbitar.promptlab.worker.http.LabHttpServer;
import dev.orbitar.promptlab.worker.http.ServeOptions;
import java.net.InetAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in start-up for {@link StartupBench} until the worker's commands exist: logs a first line, starts and
 * stops serve mode on a loopback port, logs a last line and exits. It loads Logback, Jackson and the HTTP server,
 * which a real start loads too, but not picocli, the database layer or the refine engines.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        Logger log = LoggerFactory.getLogger("PromptLabCron");
        log.info("[PromptLabCron] Starting Lab batch { limit: {} }", 0);

        ServeOptions options = new ServeOptions(InetAddress.getLoopbackAddress(), 0, 200, null,
                Duration.ofMinutes(10), Duration.ofSeconds(60));
        try (LabHttpServer server = LabHttpServer.start(options,
                context -> new BatchSummary("probe", 0, 0, 0, 0, 0, null, null))) {
            log.info("[PromptLabCron] Completed Lab batch { runsCreated: 0, scoresCreated: 0 } on port {}",
                    server.port());
        }
        System.exit(0);
    }
}
