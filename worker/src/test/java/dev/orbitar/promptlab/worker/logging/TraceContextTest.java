package dev.orbitar.promptlab.worker.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

class TraceContextTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void traceparentParsed() {
        Optional<TraceContext> trace = TraceContext.parseTraceparent("00-" + TRACE_ID + "-00f067aa0ba902b7-01");

        assertThat(trace).hasValue(new TraceContext(TRACE_ID, "00f067aa0ba902b7", true));
    }

    @Test
    void traceparentUnsampled() {
        Optional<TraceContext> trace = TraceContext.parseTraceparent("00-" + TRACE_ID + "-00f067aa0ba902b7-00");

        assertThat(trace.orElseThrow().sampled()).isFalse();
    }

    @Test
    void laterVersionMayAddFields() {
        Optional<TraceContext> trace = TraceContext.parseTraceparent("01-" + TRACE_ID + "-00f067aa0ba902b7-01-ab");

        assertThat(trace).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "garbage",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"
    })
    void invalidTraceparentIgnored(String value) {
        assertThat(TraceContext.parseTraceparent(value)).isEmpty();
    }

    @Test
    void cloudTraceConvertsSpanToHex() {
        Optional<TraceContext> trace = TraceContext.parseCloudTraceContext(
                "105445AA7843BC8BF206B12000100000/12345;o=1");

        assertThat(trace).hasValue(new TraceContext("105445aa7843bc8bf206b12000100000", "0000000000003039", true));
    }

    @Test
    void cloudTraceWithoutSpan() {
        Optional<TraceContext> trace = TraceContext.parseCloudTraceContext(TRACE_ID);

        assertThat(trace).hasValue(new TraceContext(TRACE_ID, null, false));
    }

    @Test
    void cloudTraceLargestSpan() {
        Optional<TraceContext> trace = TraceContext.parseCloudTraceContext(TRACE_ID + "/18446744073709551615;o=0");

        assertThat(trace.orElseThrow().spanId()).isEqualTo("ffffffffffffffff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc/1;o=1", "4bf92f3577b34da6a3ce929d0e0e4736/99999999999999999999;o=1",
        "00000000000000000000000000000000/1;o=1"})
    void invalidCloudTraceIgnored(String value) {
        assertThat(TraceContext.parseCloudTraceContext(value)).isEmpty();
    }

    @Test
    void traceparentPreferred() {
        Optional<TraceContext> trace = TraceContext.fromHeaders("00-" + TRACE_ID + "-00f067aa0ba902b7-01",
                "105445aa7843bc8bf206b12000100000/1;o=1");

        assertThat(trace.orElseThrow().traceId()).isEqualTo(TRACE_ID);
    }

    @Test
    void cloudTraceIsFallback() {
        Optional<TraceContext> trace = TraceContext.fromHeaders("nonsense", "105445aa7843bc8bf206b12000100000/1");

        assertThat(trace.orElseThrow().traceId()).isEqualTo("105445aa7843bc8bf206b12000100000");
    }

    @Test
    void noHeadersNoTrace() {
        assertThat(TraceContext.fromHeaders(null, null)).isEmpty();
    }

    @Test
    void mdcScopeRemovesKeys() {
        TraceContext trace = new TraceContext(TRACE_ID, "00f067aa0ba902b7", true);

        try (TraceContext.MdcScope scope = trace.putInMdc()) {
            assertThat(MDC.get(TraceContext.MDC_TRACE)).isEqualTo(TRACE_ID);
        }

        assertThat(MDC.get(TraceContext.MDC_TRACE)).isNull();
        assertThat(MDC.get(TraceContext.MDC_SPAN_ID)).isNull();
        assertThat(MDC.get(TraceContext.MDC_TRACE_SAMPLED)).isNull();
    }
}
