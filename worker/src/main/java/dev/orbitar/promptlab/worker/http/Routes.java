package dev.orbitar.promptlab.worker.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every request: {@code GET /} and {@code GET /health} return {@code {"status":"ok"}} without a token;
 * every other route needs the bearer token when one is set; {@code POST /} and {@code POST /run} run a batch;
 * anything else is 404.
 */
final class Routes implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(Routes.class);
    // Log the first rejected token and then every 100th, so a scanner cannot flood the log.
    private static final long UNAUTHORIZED_LOG_EVERY = 100;

    private final BearerTokenCheck tokenCheck;
    private final RunEndpoint run;
    private final JsonReply reply;
    private final AtomicLong unauthorized = new AtomicLong();

    Routes(BearerTokenCheck tokenCheck, RunEndpoint run, JsonReply reply) {
        this.tokenCheck = tokenCheck;
        this.run = run;
        this.reply = reply;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            route(exchange);
        } catch (IOException e) {
            // The caller went away or the connection broke; no response can reach it.
            log.debug("Could not send the response to {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    e.toString());
        } catch (RuntimeException e) {
            log.error("Unexpected error while handling {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        boolean root = path.equals("/");

        if (method.equals("GET") && (root || path.equals("/health"))) {
            reply.send(exchange, 200, Map.of("status", "ok"));
            return;
        }

        if (!tokenCheck.allows(exchange.getRequestHeaders().getFirst("Authorization"))) {
            long count = unauthorized.incrementAndGet();
            if (count % UNAUTHORIZED_LOG_EVERY == 1) {
                log.warn("Rejected {} {} with 401: missing or wrong bearer token ({} rejected so far)", method, path,
                        count);
            }
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            reply.error(exchange, 401, "Missing or invalid bearer token: send Authorization: Bearer <LAB_HTTP_TOKEN>");
            return;
        }

        if (method.equals("POST") && (root || path.equals("/run"))) {
            run.handle(exchange);
            return;
        }

        reply.error(exchange, 404, "Not found: " + method + " " + path
                + "; use GET /health, or POST / or POST /run to run a batch");
    }
}
