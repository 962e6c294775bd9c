package org.statehub.conflict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.statehub.edfi.core.dataspace.DataSpaces;

/**
 * A stand-in for student-service's Ed-Fi API in a deployment that keeps school years apart, for conflict-service's
 * tests: a real HTTP server holding students and SEOAs per school year (the {@code Hub-Data-Space} header; a request
 * without one is 404, as student-service answers with years on), answering a query by {@code studentUniqueId}, an
 * upsert by natural key (POST), and no change (its newest change version is 0). A test resource: conflict-service
 * calls it as its {@code student-service}; tests reach it at the URL of the system property {@link #PROPERTY}.
 */
public class StandInStudentService implements QuarkusTestResourceLifecycleManager {

    public static final String PROPERTY = "statehub.test.stand-in-student-service.url";

    private static final String DATA = "/data/v3/ed-fi/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Items by year, resource and natural key. */
    private final Map<String, Map<String, ObjectNode>> items = new ConcurrentHashMap<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        System.setProperty(PROPERTY, url);
        return Map.of("edfi.replication.sources.student-service.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String year = exchange.getRequestHeaders().getFirst(DataSpaces.HEADER);
            String path = exchange.getRequestURI().getPath();
            if (year == null) {
                answer(exchange, 404, "{\"detail\": \"name the year\"}");
            } else if (path.equals("/changeQueries/v1/availableChangeVersions")) {
                answer(exchange, 200, "{\"oldestChangeVersion\": 0, \"newestChangeVersion\": 0}");
            } else if (path.startsWith(DATA) && exchange.getRequestMethod().equals("GET")) {
                answer(
                        exchange,
                        200,
                        query(year, path.substring(DATA.length()), exchange).toString());
            } else if (path.startsWith(DATA) && exchange.getRequestMethod().equals("POST")) {
                ObjectNode body = (ObjectNode) MAPPER.readTree(exchange.getRequestBody());
                boolean created = upsert(year, path.substring(DATA.length()), body);
                answer(exchange, created ? 201 : 200, "");
            } else {
                answer(exchange, 404, "{}");
            }
        }
    }

    private ArrayNode query(String year, String resource, HttpExchange exchange) {
        String wanted = null;
        String query = exchange.getRequestURI().getRawQuery();
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            String[] pair = parameter.split("=", 2);
            if (pair[0].equals("studentUniqueId") && pair.length == 2) {
                wanted = URLDecoder.decode(pair[1], StandardCharsets.UTF_8);
            }
        }
        ArrayNode found = MAPPER.createArrayNode();
        for (ObjectNode item :
                items.getOrDefault(year + "/" + resource, Map.of()).values()) {
            if (wanted == null || wanted.equals(studentOf(item))) {
                found.add(item);
            }
        }
        return found;
    }

    private boolean upsert(String year, String resource, ObjectNode body) {
        Map<String, ObjectNode> stored = items.computeIfAbsent(year + "/" + resource, r -> new ConcurrentHashMap<>());
        String key = studentOf(body) + "/"
                + body.path("educationOrganizationReference")
                        .path("educationOrganizationId")
                        .asText();
        ObjectNode before = stored.get(key);
        body.put(
                "id",
                before == null
                        ? UUID.randomUUID().toString().replace("-", "")
                        : before.path("id").asText());
        stored.put(key, body);
        return before == null;
    }

    private static String studentOf(JsonNode item) {
        return item.has("studentUniqueId")
                ? item.path("studentUniqueId").asText()
                : item.path("studentReference").path("studentUniqueId").asText();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
