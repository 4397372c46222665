package dev.orbitar.promptlab.worker.logging;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The trace a request belongs to, read from its W3C {@code traceparent} or Google {@code X-Cloud-Trace-Context}
 * header and carried to log lines through the SLF4J MDC.
 *
 * @param traceId 32 lowercase hex digits
 * @param spanId 16 lowercase hex digits, or null when the header carried none
 * @param sampled whether the caller sampled (records) this trace
 */
public record TraceContext(String traceId, String spanId, boolean sampled) {

    /** MDC key of the trace id. */
    public static final String MDC_TRACE = "trace";
    /** MDC key of the span id. */
    public static final String MDC_SPAN_ID = "spanId";
    /** MDC key of the sampled flag, {@code true} or {@code false}. */
    public static final String MDC_TRACE_SAMPLED = "traceSampled";

    // version-traceid-parentid-flags; version ff is forbidden, later versions may append fields.
    private static final Pattern TRACEPARENT = Pattern.compile(
            "([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    // TRACE_ID/SPAN_ID;o=OPTIONS, where SPAN_ID is an unsigned 64-bit decimal number and both tails are optional.
    private static final Pattern CLOUD_TRACE = Pattern.compile("([0-9a-fA-F]{32})(?:/([0-9]{1,20}))?(?:;o=([0-9]+))?");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    /**
     * Returns the trace of a request: from {@code traceparent} when it is valid, else from
     * {@code X-Cloud-Trace-Context}, else empty. Either argument may be null.
     */
    public static Optional<TraceContext> fromHeaders(String traceparent, String cloudTraceContext) {
        Optional<TraceContext> w3c = parseTraceparent(traceparent);
        return w3c.isPresent() ? w3c : parseCloudTraceContext(cloudTraceContext);
    }

    /** Parses a W3C Trace Context {@code traceparent} value; empty when it is missing or malformed. */
    public static Optional<TraceContext> parseTraceparent(String value) {
        if (value == null) {
            return Optional.empty();
        }

        Matcher matcher = TRACEPARENT.matcher(value.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String version = matcher.group(1);
        boolean extraFields = matcher.group(5) != null;
        if (version.equals("ff") || (version.equals("00") && extraFields)) {
            return Optional.empty();
        }
        String traceId = matcher.group(2);
        String spanId = matcher.group(3);
        if (traceId.equals(ZERO_TRACE) || spanId.equals(ZERO_SPAN)) {
            return Optional.empty();
        }

        boolean sampled = (Integer.parseInt(matcher.group(4), 16) & 1) == 1;
        return Optional.of(new TraceContext(traceId, spanId, sampled));
    }

    /**
     * Parses an {@code X-Cloud-Trace-Context} value ({@code TRACE_ID/SPAN_ID;o=1}); empty when it is missing or
     * malformed. The decimal span id is converted to the 16 hex digits that Cloud Logging expects.
     */
    public static Optional<TraceContext> parseCloudTraceContext(String value) {
        if (value == null) {
            return Optional.empty();
        }

        Matcher matcher = CLOUD_TRACE.matcher(value.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String traceId = matcher.group(1).toLowerCase(Locale.ROOT);
        if (traceId.equals(ZERO_TRACE)) {
            return Optional.empty();
        }

        String spanId = null;
        if (matcher.group(2) != null) {
            try {
                spanId = String.format("%016x", Long.parseUnsignedLong(matcher.group(2)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        boolean sampled = "1".equals(matcher.group(3));
        return Optional.of(new TraceContext(traceId, spanId, sampled));
    }

    /**
     * Puts this trace into the MDC of the calling thread; closing the result removes it again. Threads started
     * from this one do not inherit it: copy {@link MDC#getCopyOfContextMap()} into them.
     */
    public MdcScope putInMdc() {
        MDC.put(MDC_TRACE, traceId);
        if (spanId != null) {
            MDC.put(MDC_SPAN_ID, spanId);
        }
        MDC.put(MDC_TRACE_SAMPLED, Boolean.toString(sampled));
        return () -> {
            MDC.remove(MDC_TRACE);
            MDC.remove(MDC_SPAN_ID);
            MDC.remove(MDC_TRACE_SAMPLED);
        };
    }

    /** Removes what {@link #putInMdc()} added, on close. */
    @FunctionalInterface
    public interface MdcScope extends AutoCloseable {
        @Override
        void close();
    }
}
