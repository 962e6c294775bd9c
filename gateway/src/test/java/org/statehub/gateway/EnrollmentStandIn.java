package org.statehub.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Stands in for enrollment-service alone in {@link ExtensionRoutingTest} (the other services stay where nothing
 * listens): {@code /q/health/ready} answers UP; {@code /q/openapi} a small document with a path of the Sample
 * extension's buses and one of the core's schools, each with its schema, and a schema neither uses; any other
 * request {@code {"service": "enrollment-service", "path": ...}} with the raw path the gateway forwarded.
 */
public class EnrollmentStandIn extends StandInService {

    public EnrollmentStandIn() {
        super("enrollment-service");
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/q/health")) {
            json(exchange, 200, "{\"status\":\"UP\",\"checks\":[]}");
        } else if (path.startsWith("/q/openapi")) {
            json(exchange, 200, """
                    {"openapi": "3.1.0", "paths": {
                      "/data/v3/sample/buses": {"get": {"responses": {"200": {"content": {"application/json":
                        {"schema": {"$ref": "#/components/schemas/EdFi.Bus"}}}}}}},
                      "/data/v3/ed-fi/schools": {"get": {"responses": {"200": {"content": {"application/json":
                        {"schema": {"$ref": "#/components/schemas/EdFi.School"}}}}}}}},
                     "components": {"schemas": {
                      "EdFi.Bus": {"type": "object", "properties": {"link": {"$ref": "#/components/schemas/EdFi.Link"}}},
                      "EdFi.Link": {"type": "object"},
                      "EdFi.School": {"type": "object"}}}}""");
        } else {
            json(exchange, 200, "{\"service\":\"enrollment-service\",\"path\":\"" + path + "\"}");
        }
    }
}
