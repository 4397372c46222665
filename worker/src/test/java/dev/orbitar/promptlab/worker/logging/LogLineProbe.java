package dev.orbitar.promptlab.worker.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Logs a few lines through the real logback.xml, for tests that read a child JVM's standard output. */
public final class LogLineProbe {

    private LogLineProbe() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("PromptLabCron");
        log.info("[PromptLabCron] Starting Lab batch { limit: {} }", 5);

        MDC.put("batchId", "b-7");
        log.warn("Provider is slow");
        log.error("Batch failed", new IllegalStateException("lease lost"));
        MDC.clear();
    }
}
