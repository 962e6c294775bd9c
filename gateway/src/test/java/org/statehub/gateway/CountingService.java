package org.statehub.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for feed-service in {@link GatewayLimitsTest}: reads each request body to the end and answers
 * {@code {"bytes": n}}; a path ending in {@code /bare-error} is answered 413 with no body, as an HTTP layer does.
 */
public class CountingService implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            long bytes = 0;
            try (InputStream body = exchange.getRequestBody()) {
                byte[] buffer = new byte[65536];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    bytes += n;
                }
            }
            if (exchange.getRequestURI().getPath().endsWith("/bare-error")) {
                exchange.sendResponseHeaders(413, -1);
            } else {
                byte[] answer = ("{\"bytes\":" + bytes + "}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
        return Map.of(
                "gateway.services.feed-service.url",
                "http://localhost:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
