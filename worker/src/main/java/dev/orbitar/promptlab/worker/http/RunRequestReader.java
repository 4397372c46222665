package dev.orbitar.promptlab.worker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import dev.orbitar.promptlab.worker.logging.TraceContext;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a run request: a plain POST whose body is empty or {@code {"batchLimit": N}}, or a CloudEvent in binary
 * mode ({@code ce-id}, {@code ce-source}, {@code ce-type} and {@code ce-specversion} headers, the data as the
 * body) or structured mode ({@code Content-Type: application/cloudevents+json}, attributes and data in one JSON
 * object). A Knative PingSource sends its {@code data} as the body, so {@code {"batchLimit": N}} works there too.
 */
final class RunRequestReader {

    static final String STRUCTURED_MEDIA_TYPE = "application/cloudevents+json";
    private static final String[] REQUIRED_ATTRIBUTES = {"id", "source", "type", "specversion"};
    private static final String LIMIT_FIELD = "batchLimit";
    private static final String BODY_HINT = "send no body, or a JSON object such as {\"batchLimit\": 5}";

    private final ObjectMapper json;
    private final int maxSafeLimit;

    RunRequestReader(ObjectMapper json, int maxSafeLimit) {
        this.json = json;
        this.maxSafeLimit = maxSafeLimit;
    }

    /** Returns the trigger context of a request, or throws {@link BadRequestException} with the reason for a 400 response. */
    TriggerContext read(Headers headers, byte[] body) throws BadRequestException {
        Optional<TraceContext> trace = TraceContext.fromHeaders(headers.getFirst("traceparent"),
                headers.getFirst("X-Cloud-Trace-Context"));

        if (STRUCTURED_MEDIA_TYPE.equals(mediaType(headers.getFirst("Content-Type")))) {
            return readStructured(body, trace);
        }
        if (hasAnyEventHeader(headers)) {
            CloudEvent event = eventFromHeaders(headers);
            return new TriggerContext(trace, Optional.of(event), limitFrom(parseData(body)));
        }
        return new TriggerContext(trace, Optional.empty(), limitFrom(parseData(body)));
    }

    private TriggerContext readStructured(byte[] body, Optional<TraceContext> headerTrace)
            throws BadRequestException {
        JsonNode envelope = parse(body, "a structured CloudEvent must be a JSON object with id, source, type, "
                + "specversion and optional data");
        if (envelope == null || !envelope.isObject()) {
            throw new BadRequestException("Invalid structured CloudEvent: the body must be a JSON object with id, "
                    + "source, type, specversion and optional data");
        }

        String[] values = new String[REQUIRED_ATTRIBUTES.length];
        for (int i = 0; i < REQUIRED_ATTRIBUTES.length; i++) {
            JsonNode value = envelope.get(REQUIRED_ATTRIBUTES[i]);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw new BadRequestException("Invalid structured CloudEvent: the attribute '"
                        + REQUIRED_ATTRIBUTES[i] + "' is missing or not a non-empty string");
            }
            values[i] = value.asText();
        }
        CloudEvent event = new CloudEvent(values[0], values[1], values[2], values[3]);

        // The CloudEvents distributed tracing extension carries the trace as an attribute.
        Optional<TraceContext> trace = headerTrace.isPresent() ? headerTrace
                : TraceContext.parseTraceparent(envelope.path("traceparent").asText(null));
        return new TriggerContext(trace, Optional.of(event), limitFrom(structuredData(envelope)));
    }

    private JsonNode structuredData(JsonNode envelope) throws BadRequestException {
        JsonNode base64 = envelope.get("data_base64");
        if (base64 == null || base64.isNull()) {
            return envelope.get("data");
        }

        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.asText());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Invalid structured CloudEvent: data_base64 is not valid base64");
        }
        return parseData(decoded);
    }

    private static boolean hasAnyEventHeader(Headers headers) {
        for (String attribute : REQUIRED_ATTRIBUTES) {
            if (headers.containsKey("ce-" + attribute)) {
                return true;
            }
        }
        return false;
    }

    private static CloudEvent eventFromHeaders(Headers headers) throws BadRequestException {
        String[] values = new String[REQUIRED_ATTRIBUTES.length];
        for (int i = 0; i < REQUIRED_ATTRIBUTES.length; i++) {
            String value = headers.getFirst("ce-" + REQUIRED_ATTRIBUTES[i]);
            if (value == null || value.isBlank()) {
                throw new BadRequestException("Invalid binary CloudEvent: the header 'ce-" + REQUIRED_ATTRIBUTES[i]
                        + "' is missing; a binary CloudEvent needs ce-id, ce-source, ce-type and ce-specversion");
            }
            values[i] = value.trim();
        }
        return new CloudEvent(values[0], values[1], values[2], values[3]);
    }

    /** Parses the request data: null for an empty body, else JSON. */
    private JsonNode parseData(byte[] body) throws BadRequestException {
        return parse(body, BODY_HINT);
    }

    private JsonNode parse(byte[] body, String hint) throws BadRequestException {
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("Invalid request body: not JSON (" + e.getOriginalMessage() + "); "
                    + hint);
        } catch (IOException e) {
            throw new BadRequestException("Invalid request body: " + e.getMessage() + "; " + hint);
        }
    }

    private OptionalInt limitFrom(JsonNode data) throws BadRequestException {
        if (data == null || data.isNull()) {
            return OptionalInt.empty();
        }
        if (!data.isObject()) {
            throw new BadRequestException("Invalid request data: expected a JSON object; " + BODY_HINT);
        }

        JsonNode limit = data.get(LIMIT_FIELD);
        if (limit == null || limit.isNull()) {
            return OptionalInt.empty();
        }
        BigInteger value = limitValue(limit);
        if (value.signum() < 1) {
            throw new BadRequestException("Invalid batchLimit " + value + ": ask for at least 1 task");
        }
        if (value.compareTo(BigInteger.valueOf(maxSafeLimit)) > 0) {
            throw new BadRequestException("batchLimit " + value + " is above the safe maximum of " + maxSafeLimit
                    + " (LAB_MAX_SAFE); ask for at most " + maxSafeLimit + " or raise LAB_MAX_SAFE");
        }
        return OptionalInt.of(value.intValueExact());
    }

    private static BigInteger limitValue(JsonNode limit) throws BadRequestException {
        if (limit.isIntegralNumber()) {
            return limit.bigIntegerValue();
        }
        if (limit.isTextual()) {
            try {
                return new BigInteger(limit.asText().trim());
            } catch (NumberFormatException e) {
                // Reported below.
            }
        }
        throw new BadRequestException("Invalid batchLimit " + limit + ": expected a whole number of tasks");
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int parameters = contentType.indexOf(';');
        String type = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return type.trim().toLowerCase(Locale.ROOT);
    }
}
