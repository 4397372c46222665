package dev.orbitar.promptlab.worker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends JSON responses. */
final class JsonReply {

    private final ObjectMapper json;

    JsonReply(ObjectMapper json) {
        this.json = json;
    }

    /** Sends {@code body} as a JSON object with {@code status}. */
    void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sends {@code {"error": message}} with {@code status}. */
    void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, Map.of("error", message));
    }

    /** Sends {@code {"error": message, "retryAfterSeconds": N}} with a matching {@code Retry-After} header. */
    void retryLater(HttpExchange exchange, int status, String message, Duration retryAfter) throws IOException {
        long seconds = retryAfter.toSeconds();
        exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("retryAfterSeconds", seconds);
        send(exchange, status, body);
    }
}
