package org.statehub.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for every service behind the gateway in {@link GatewayCompatibilityTest}: {@code /q/health/ready}
 * answers UP; any other request is answered 200 with what arrived, {@code {"method", "path", "query",
 * "correlationId"}} (the raw path and query as the gateway forwarded them, and its {@code correlation-id} header).
 */
public class EchoService implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String answer;
            if (exchange.getRequestURI().getRawPath().startsWith("/q/health")) {
                answer = "{\"status\":\"UP\",\"checks\":[]}";
            } else {
                answer = "{\"method\":" + quote(exchange.getRequestMethod())
                        + ",\"path\":" + quote(exchange.getRequestURI().getRawPath())
                        + ",\"query\":" + quote(exchange.getRequestURI().getRawQuery())
                        + ",\"correlationId\":"
                        + quote(exchange.getRequestHeaders().getFirst("correlation-id")) + "}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort();
        return Map.of(
                "gateway.services.student-service.url",
                url,
                "gateway.services.enrollment-service.url",
                url,
                "gateway.services.feed-service.url",
                url,
                "gateway.services.conflict-service.url",
                url);
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
