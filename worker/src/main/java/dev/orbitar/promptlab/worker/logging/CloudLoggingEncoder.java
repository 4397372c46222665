package dev.orbitar.promptlab.worker.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Encodes each log event as one JSON object on one line, in the structured logging format that the Cloud Logging
 * agents of Cloud Run and GKE read from standard output: {@code severity}, {@code message}, {@code timestamp},
 * {@code logger}, {@code thread}, the MDC (batch id and others) under {@code logging.googleapis.com/labels}, the
 * request's trace under {@code logging.googleapis.com/trace}, and an exception under {@code stack_trace}.
 *
 * <p>Set {@code projectId} (logback.xml passes {@code GOOGLE_CLOUD_PROJECT}) so the trace becomes the
 * {@code projects/PROJECT/traces/TRACE_ID} name that links a line to Cloud Trace; without it the bare trace id
 * is written.
 */
public final class CloudLoggingEncoder extends EncoderBase<ILoggingEvent> {

    static final String LABELS = "logging.googleapis.com/labels";
    static final String TRACE = "logging.googleapis.com/trace";
    static final String SPAN_ID = "logging.googleapis.com/spanId";
    static final String TRACE_SAMPLED = "logging.googleapis.com/trace_sampled";

    private static final byte[] NO_BYTES = new byte[0];

    private final JsonFactory json = new JsonFactory();
    private String projectId;

    /** Sets the Google Cloud project id used in trace names; blank means unknown. */
    public void setProjectId(String projectId) {
        this.projectId = projectId == null || projectId.isBlank() ? null : projectId.trim();
    }

    @Override
    public byte[] headerBytes() {
        return NO_BYTES;
    }

    @Override
    public byte[] footerBytes() {
        return NO_BYTES;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (JsonGenerator out = json.createGenerator(line, JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeStringField("severity", severity(event.getLevel()));
            out.writeStringField("message", event.getFormattedMessage());
            out.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(event.getInstant()));
            out.writeStringField("logger", event.getLoggerName());
            out.writeStringField("thread", event.getThreadName());
            writeMdc(out, event.getMDCPropertyMap());
            writeStackTrace(out, event.getThrowableProxy());
            out.writeEndObject();
        } catch (IOException e) {
            // A ByteArrayOutputStream does not throw; only a bug in the generator could get here.
            throw new UncheckedIOException("Could not encode a log event as JSON", e);
        }

        line.write('\n');
        return line.toByteArray();
    }

    /** Maps a Logback level to a Cloud Logging LogSeverity name; TRACE has no counterpart and becomes DEBUG. */
    static String severity(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "ERROR";
            case Level.WARN_INT -> "WARNING";
            case Level.INFO_INT -> "INFO";
            default -> "DEBUG";
        };
    }

    private void writeMdc(JsonGenerator out, Map<String, String> mdc) throws IOException {
        if (mdc == null || mdc.isEmpty()) {
            return;
        }

        String traceId = mdc.get(TraceContext.MDC_TRACE);
        if (traceId != null) {
            out.writeStringField(TRACE, projectId == null ? traceId : "projects/" + projectId + "/traces/" + traceId);
            String spanId = mdc.get(TraceContext.MDC_SPAN_ID);
            if (spanId != null) {
                out.writeStringField(SPAN_ID, spanId);
            }
            out.writeBooleanField(TRACE_SAMPLED, Boolean.parseBoolean(mdc.get(TraceContext.MDC_TRACE_SAMPLED)));
        }

        boolean labelsOpen = false;
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
            if (isTraceKey(entry.getKey()) || entry.getValue() == null) {
                continue;
            }
            if (!labelsOpen) {
                out.writeObjectFieldStart(LABELS);
                labelsOpen = true;
            }
            out.writeStringField(entry.getKey(), entry.getValue());
        }
        if (labelsOpen) {
            out.writeEndObject();
        }
    }

    private static boolean isTraceKey(String key) {
        return key.equals(TraceContext.MDC_TRACE) || key.equals(TraceContext.MDC_SPAN_ID)
                || key.equals(TraceContext.MDC_TRACE_SAMPLED);
    }

    private static void writeStackTrace(JsonGenerator out, IThrowableProxy thrown) throws IOException {
        if (thrown == null) {
            return;
        }

        // Error Reporting looks for a stack trace in stack_trace before message (Google Cloud documentation,
        // "Format a log entry to report error events"), in the printStackTrace form written here.
        out.writeStringField("stack_trace", ThrowableProxyUtil.asString(thrown));
    }
}
