package org.statehub.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP server (the JDK's) standing in for services behind the gateway in a {@code @QuarkusTest}: started on a
 * free port before the gateway, which is pointed at it for the {@link #services} it names.
 */
abstract class StandInService implements QuarkusTestResourceLifecycleManager {

    /** The services behind the gateway this stand-in answers for, e.g. {@code feed-service}. */
    private final List<String> services;

    private HttpServer server;

    StandInService(String... services) {
        this.services = List.of(services);
    }

    /** Answers one request (every path). */
    abstract void handle(HttpExchange exchange) throws IOException;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            }
        });
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort();
        Map<String, String> config = new LinkedHashMap<>();
        for (String service : services) {
            config.put("gateway.services." + service + ".url", url);
        }
        return config;
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    /** Answers {@code status} with a JSON body. */
    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
