package org.statehub.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.security.ClaimSet;
import org.statehub.edfi.contract.security.ClaimSetMatrix;
import org.statehub.edfi.contract.security.ClaimsHierarchy;

/**
 * A stand-in for the gateway's client directory ({@code GET /internal/v1/clients/{clientId}}, decision 0009,
 * {@code GET /internal/v1/profiles/{name}} and {@code GET /internal/v1/claimSets/{name}}, docs/decisions/0020) for
 * services under test: a real HTTP server in the test JVM, answering as the gateway does (the client's claim set,
 * organizations and profile names, a profile's XML, a claim set resolved over the contract: edfi-contract's shipped
 * ones unless a test gives its own, an ETag, 304 to a matching {@code If-None-Match}, 404 problem details for an
 * unknown client, profile or claim set).
 * {@link TestTokens} registers each client it makes a token for; the services find the server through
 * {@code hub.client-directory.url} ({@link TestDirectoryConfigSource}). One server serves the whole JVM: its URL
 * is a system property, so code loaded by another class loader (the application's) finds the same one.
 */
public final class TestDirectory {

    static final String PROPERTY = "statehub.test.client-directory.url";

    /** A client's entry, a profile's XML or a claim set's JSON, and its version (its ETag). */
    private record Document(String text, long version) {}

    /** The shipped claim sets as the gateway answers them, by name. */
    private static final class Shipped {
        static final Map<String, String> JSON = shipped();

        private static Map<String, String> shipped() {
            ClaimsHierarchy hierarchy = ClaimsHierarchy.shipped();
            Map<String, String> json = new ConcurrentHashMap<>();
            for (ClaimSet set : ClaimSet.shipped(hierarchy)) {
                json.put(set.name(), TestDirectory.json(ClaimSetMatrix.of(set, hierarchy, ResourceCatalog.contract())));
            }
            return json;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestDirectory() {}

    /** The directory's base URL, starting it on first use. */
    public static String url() {
        synchronized (System.getProperties()) {
            String url = System.getProperty(PROPERTY);
            if (url == null) {
                url = start();
                System.setProperty(PROPERTY, url);
            }
            return url;
        }
    }

    /** Makes the directory answer these organizations for the client (over HTTP, as an admin change would). */
    public static void register(String clientId, String claimSet, List<Long> organizations) {
        register(clientId, claimSet, organizations, List.of());
    }

    /** Makes the directory answer these organizations and profile names for the client. */
    public static void register(String clientId, String claimSet, List<Long> organizations, List<String> profiles) {
        register(clientId, claimSet, organizations, profiles, List.of());
    }

    /**
     * Makes the directory answer these organizations, profile names and school years (its {@code schoolYears},
     * docs/decisions/0020, part 5) for the client.
     */
    public static void register(
            String clientId, String claimSet, List<Long> organizations, List<String> profiles, List<String> years) {
        String body = "claimSet=" + URLEncoder.encode(claimSet, StandardCharsets.UTF_8) + "&educationOrganizationIds="
                + organizations.stream().map(String::valueOf).collect(Collectors.joining(",")) + "&profiles="
                + URLEncoder.encode(String.join(",", profiles), StandardCharsets.UTF_8) + "&schoolYears="
                + String.join(",", years);
        put("/internal/v1/clients/", clientId, "application/x-www-form-urlencoded", body);
    }

    /** Makes the directory answer this definition (a {@code <Profile>} of the ODS/API's XML) for the profile. */
    public static void profile(String name, String xml) {
        put("/internal/v1/profiles/", name, "application/xml", xml);
    }

    /**
     * Makes the directory answer this claim set (the Admin API's claim-set JSON, {@code name} and
     * {@code resourceClaims}), resolved over the contract as the gateway resolves it, instead of what it answered
     * for the name (a shipped one, or none).
     */
    public static void claimSet(String adminApiJson) {
        try {
            ClaimsHierarchy hierarchy = ClaimsHierarchy.shipped();
            ClaimSet set = ClaimSet.of(MAPPER.readTree(adminApiJson), hierarchy);
            put(
                    "/internal/v1/claimSets/",
                    set.name(),
                    "application/json",
                    json(ClaimSetMatrix.of(set, hierarchy, ResourceCatalog.contract())));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a claim set: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the directory answer these school years as the gateway's served years ({@code GET
     * /internal/v1/schoolYears}, docs/decisions/0020, part 5): a year the services did not serve at start is served
     * from its first request.
     */
    public static void schoolYears(List<String> years) {
        put(
                "/internal/v1/",
                "schoolYears",
                "application/json",
                "{\"years\":["
                        + years.stream().map(year -> "\"" + year + "\"").collect(Collectors.joining(","))
                        + "]}");
    }

    private static String json(ClaimSetMatrix matrix) {
        try {
            return MAPPER.writeValueAsString(matrix);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(String path, String key, String contentType, String body) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url()
                                    + path
                                    + URLEncoder.encode(key, StandardCharsets.UTF_8)
                                            .replace("+", "%20")))
                            .header("Content-Type", contentType)
                            .PUT(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("The test directory refused " + key + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String start() {
        AtomicLong versions = new AtomicLong();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "test-client-directory");
                thread.setDaemon(true);
                return thread;
            }));
            documents(
                    server,
                    "/internal/v1/clients/",
                    "application/json",
                    versions,
                    name -> name,
                    Map.of(),
                    (id, form) -> clientJson(id, form(form)));
            documents(
                    server,
                    "/internal/v1/profiles/",
                    "application/xml",
                    versions,
                    name -> name.toLowerCase(Locale.ROOT),
                    Map.of(),
                    (name, xml) -> xml);
            documents(
                    server,
                    "/internal/v1/",
                    "application/json",
                    versions,
                    name -> name,
                    Map.of(),
                    (name, json) -> json);
            documents(
                    server,
                    "/internal/v1/claimSets/",
                    "application/json",
                    versions,
                    name -> name,
                    Shipped.JSON,
                    (name, json) -> json);
            server.start();
            return "http://127.0.0.1:" + server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("The test client directory cannot start", e);
        }
    }

    /**
     * Serves documents by name under {@code path}, as the gateway's {@code /internal/v1/...} do: a PUT stores its
     * body as {@code stored} makes it into the document, a new version; a GET answers the stored one, else the
     * shipped one of that name (version 0), with its ETag (304 to a matching {@code If-None-Match}), else 404.
     */
    private static void documents(
            HttpServer server,
            String path,
            String contentType,
            AtomicLong versions,
            UnaryOperator<String> key,
            Map<String, String> shipped,
            BinaryOperator<String> stored) {
        Map<String, Document> documents = new ConcurrentHashMap<>();
        server.createContext(path, exchange -> {
            try (exchange) {
                String name = key.apply(URLDecoder.decode(
                        exchange.getRequestURI().getRawPath().substring(path.length()), StandardCharsets.UTF_8));
                switch (exchange.getRequestMethod()) {
                    case "PUT" -> {
                        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                        documents.put(name, new Document(stored.apply(name, body), versions.incrementAndGet()));
                        exchange.sendResponseHeaders(204, -1);
                    }
                    case "GET" -> {
                        Document document = documents.get(name);
                        if (document == null && shipped.containsKey(name)) {
                            document = new Document(shipped.get(name), 0);
                        }
                        if (document == null) {
                            notFound(exchange);
                        } else if (conditional(exchange, document.version())) {
                            exchange.getResponseHeaders().set("Content-Type", contentType);
                            send(exchange, 200, document.text());
                        }
                    }
                    default -> exchange.sendResponseHeaders(405, -1);
                }
            }
        });
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(
                exchange,
                404,
                "{\"type\":\"urn:ed-fi:api:not-found\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"The specified item could not be found.\"}");
    }

    /** Sets the ETag of this version; answers 304 and returns false when the caller has it already. */
    private static boolean conditional(HttpExchange exchange, long version) throws IOException {
        String etag = "\"" + version + "\"";
        exchange.getResponseHeaders().set("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            return false;
        }
        return true;
    }

    /** The client's directory entry, as the gateway answers it, from the form {@link #register} sends. */
    private static String clientJson(String clientId, Map<String, String> form) {
        String ids = form.getOrDefault("educationOrganizationIds", "");
        String profiles = form.getOrDefault("profiles", "");
        String years = form.getOrDefault("schoolYears", "");
        return "{\"clientId\":\"" + clientId.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"claimSet\":\"" + form.get("claimSet") + "\",\"active\":true,\"educationOrganizationIds\":["
                + (ids.isEmpty()
                        ? ""
                        : Arrays.stream(ids.split(","))
                                .map(Long::valueOf)
                                .sorted()
                                .map(String::valueOf)
                                .collect(Collectors.joining(",")))
                + "],\"profiles\":["
                + (profiles.isEmpty()
                        ? ""
                        : Arrays.stream(profiles.split(","))
                                .map(name -> "\"" + name + "\"")
                                .collect(Collectors.joining(",")))
                + "],\"schoolYears\":["
                + (years.isEmpty()
                        ? ""
                        : Arrays.stream(years.split(","))
                                .map(year -> "\"" + year + "\"")
                                .collect(Collectors.joining(",")))
                + "]}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new ConcurrentHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
