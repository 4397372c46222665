package dev.orbitar.promptlab.worker.http;

import dev.orbitar.promptlab.worker.logging.TraceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parts of an HTTP request that shape the batch it starts.
 *
 * @param trace the request's trace, when it carried a {@code traceparent} or {@code X-Cloud-Trace-Context} header
 * @param event the CloudEvent, when the request was one (binary or structured mode)
 * @param batchLimit the {@code batchLimit} the request asked for, already checked against the safe maximum;
 *     empty to use the configured limit
 */
public record TriggerContext(Optional<TraceContext> trace, Optional<CloudEvent> event, OptionalInt batchLimit) {

    /** Returns the context of a request that carried nothing: no trace, no event, the configured limit. */
    public static TriggerContext empty() {
        return new TriggerContext(Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    /**
     * Returns entries to add to the batch record's origin: {@code trigger} ({@code http} or {@code cloudevent}),
     * {@code cloudEventId}, {@code cloudEventSource}, {@code cloudEventType} and {@code traceId} when known.
     */
    public Map<String, String> origin() {
        Map<String, String> origin = new LinkedHashMap<>();
        origin.put("trigger", event.isPresent() ? "cloudevent" : "http");
        event.ifPresent(e -> {
            origin.put("cloudEventId", e.id());
            origin.put("cloudEventSource", e.source());
            origin.put("cloudEventType", e.type());
        });
        trace.ifPresent(t -> origin.put("traceId", t.traceId()));
        return origin;
    }
}
