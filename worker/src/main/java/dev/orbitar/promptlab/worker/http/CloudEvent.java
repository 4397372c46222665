package dev.orbitar.promptlab.worker.http;

/**
 * The context attributes of a CloudEvent (CloudEvents 1.0) that started a batch.
 *
 * @param id the event id; with {@code source}, it identifies the event, so a redelivery has the same pair
 * @param source the event source, e.g. {@code /apis/v1/namespaces/lab/pingsources/hourly} for a PingSource
 * @param type the event type, e.g. {@code dev.knative.sources.ping}
 * @param specVersion the CloudEvents version the sender used
 */
public record CloudEvent(String id, String source, String type, String specVersion) {

    /** Returns the key under which redeliveries of this event are recognised. */
    String redeliveryKey() {
        // A NUL cannot occur in a header value or a JSON string attribute, so the pair stays unambiguous.
        return source + '\u0000' + id;
    }
}
