package org.statehub.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Stands in for every service behind the gateway in {@link GatewayCompatibilityTest}: {@code /q/health/ready}
 * answers UP; any other request is answered 200 with what arrived, {@code {"method", "path", "query",
 * "correlationId", "forwardedHost", "forwardedProto", "keepAlive", "proxyConnection", "vendorHeader"}} (the raw
 * path and query as the gateway forwarded them, and the headers {@code correlation-id}, {@code X-Forwarded-Host},
 * {@code X-Forwarded-Proto}, {@code Keep-Alive}, {@code Proxy-Connection} and {@code X-Vendor}).
 */
public class EchoService extends StandInService {

    public EchoService() {
        super("student-service", "enrollment-service", "feed-service", "conflict-service");
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestURI().getRawPath().startsWith("/q/health")) {
            json(exchange, 200, "{\"status\":\"UP\",\"checks\":[]}");
            return;
        }
        json(
                exchange,
                200,
                "{\"method\":" + quote(exchange.getRequestMethod())
                        + ",\"path\":" + quote(exchange.getRequestURI().getRawPath())
                        + ",\"query\":" + quote(exchange.getRequestURI().getRawQuery())
                        + ",\"correlationId\":"
                        + quote(exchange.getRequestHeaders().getFirst("correlation-id"))
                        + ",\"forwardedHost\":"
                        + quote(exchange.getRequestHeaders().getFirst("X-Forwarded-Host"))
                        + ",\"forwardedProto\":"
                        + quote(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"))
                        + ",\"keepAlive\":"
                        + quote(exchange.getRequestHeaders().getFirst("Keep-Alive"))
                        + ",\"proxyConnection\":"
                        + quote(exchange.getRequestHeaders().getFirst("Proxy-Connection"))
                        + ",\"vendorHeader\":"
                        + quote(exchange.getRequestHeaders().getFirst("X-Vendor")) + "}");
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
