package org.statehub.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stands in for feed-service in {@link GatewayLimitsTest}: reads each request body to the end and answers
 * {@code {"bytes": n}}; a path ending in {@code /bare-error} is answered 413 with no body (and
 * {@code Retry-After: 7}), as an HTTP layer does.
 */
public class CountingService extends StandInService {

    public CountingService() {
        super("feed-service");
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        long bytes = 0;
        try (InputStream body = exchange.getRequestBody()) {
            byte[] buffer = new byte[65536];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                bytes += n;
            }
        }
        if (exchange.getRequestURI().getPath().endsWith("/bare-error")) {
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.sendResponseHeaders(413, -1);
        } else {
            json(exchange, 200, "{\"bytes\":" + bytes + "}");
        }
    }
}
