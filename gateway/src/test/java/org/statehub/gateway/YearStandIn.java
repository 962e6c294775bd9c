package org.statehub.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for student-service and enrollment-service in {@link YearRoutingTest}: each answer names the raw path
 * the gateway forwarded and the school year it named ({@code Hub-Data-Space}, null without one). A year's newest
 * change version and checkpoint is the year less 2000 (26 in 2026), and without a year 404, as a service keeping
 * years apart answers; a POST creates {@code 0123} at the path ({@code Location}, as the services make it behind the
 * gateway) and counts as an item of the year, which {@code /internal/v1/dataSpaces/{year}} answers (GET) and drops
 * (DELETE) as the services do; {@code /q/openapi} documents the students' path.
 */
public class YearStandIn extends StandInService {

    /** The items each year holds: one per POST in the year, all gone when the year's data is dropped. */
    private static final Map<String, AtomicLong> ITEMS = new ConcurrentHashMap<>();

    public YearStandIn() {
        super("student-service", "enrollment-service");
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        String year = exchange.getRequestHeaders().getFirst("Hub-Data-Space");
        if (path.startsWith("/q/health")) {
            json(exchange, 200, "{\"status\":\"UP\",\"checks\":[]}");
        } else if (path.startsWith("/q/openapi")) {
            json(exchange, 200, """
                    {"openapi": "3.1.0", "paths": {
                      "/data/v3/ed-fi/students": {"get": {"responses": {"200": {"description": "the students"}}}}}}""");
        } else if (path.startsWith("/changeQueries/") && year == null) {
            json(exchange, 404, "{\"type\":\"urn:ed-fi:api:not-found\",\"title\":\"Not Found\",\"status\":404}");
        } else if (path.equals("/changeQueries/v1/availableChangeVersions")) {
            json(
                    exchange,
                    200,
                    "{\"oldestChangeVersion\":0,\"newestChangeVersion\":" + (Integer.parseInt(year) - 2000) + "}");
        } else if (path.equals("/changeQueries/v1/checkpoints")) {
            json(exchange, 200, "{\"changeVersion\":" + (Integer.parseInt(year) - 2000) + "}");
        } else if (path.startsWith("/internal/v1/dataSpaces/")) {
            String of = path.substring("/internal/v1/dataSpaces/".length());
            AtomicLong held = ITEMS.computeIfAbsent(of, y -> new AtomicLong());
            long items = exchange.getRequestMethod().equals("DELETE") ? held.getAndSet(0) : held.get();
            json(exchange, 200, "{\"schoolYear\":\"" + of + "\",\"items\":" + items + "}");
        } else if (exchange.getRequestMethod().equals("POST") && path.startsWith("/data/")) {
            ITEMS.computeIfAbsent(String.valueOf(year), y -> new AtomicLong()).incrementAndGet();
            String host = exchange.getRequestHeaders().getFirst("X-Forwarded-Host");
            exchange.getResponseHeaders().add("Location", "http://" + host + path + "/0123");
            exchange.sendResponseHeaders(201, -1);
        } else {
            json(
                    exchange,
                    200,
                    "{\"path\":\"" + path + "\",\"dataSpace\":" + (year == null ? "null" : "\"" + year + "\"") + "}");
        }
    }
}
