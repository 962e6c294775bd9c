package org.statehub.feed.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub as an ordinary API client sees it, through the gateway: OAuth 2 client-credentials tokens (kept until
 * shortly before they expire), the Ed-Fi resources, and the admin API that makes publishing clients.
 */
public final class HubClient {

    /**
     * A response: status, body text, the id at the end of the Location header, the Total-Count and
     * Next-Page-Token headers (each null when absent).
     */
    public record Reply(int status, String body, String locationId, Long total, String nextPageToken) {}

    private record Token(String value, Instant expires) {}

    private final String hubUrl;
    private final ObjectMapper mapper;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public HubClient(String hubUrl, ObjectMapper mapper, Duration timeout) {
        this.hubUrl = hubUrl.replaceAll("/+$", "");
        this.mapper = mapper;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Calls the hub as this client; {@code body} may be null. A 401 renews the token once. */
    public Reply call(String clientId, String secret, String method, String path, String body)
            throws IOException, InterruptedException {
        Reply reply = send(token(clientId, secret), method, path, body);
        if (reply.status() == 401) {
            tokens.remove(clientId);
            reply = send(token(clientId, secret), method, path, body);
        }
        return reply;
    }

    private Reply send(String token, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hubUrl + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location").orElse(null);
        String id = location == null ? null : location.substring(location.lastIndexOf('/') + 1);
        Long total = response.headers()
                .firstValue("Total-Count")
                .map(Long::parseLong)
                .orElse(null);
        return new Reply(
                response.statusCode(),
                response.body(),
                id,
                total,
                response.headers().firstValue("Next-Page-Token").orElse(null));
    }

    /** A token for the client, from the cache while it has more than a minute left. */
    public String token(String clientId, String secret) throws IOException, InterruptedException {
        Token cached = tokens.get(clientId);
        if (cached != null && cached.expires().isAfter(Instant.now().plusSeconds(60))) {
            return cached.value();
        }
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(hubUrl + "/oauth/token"))
                        .timeout(timeout)
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("The hub refused a token for client " + clientId + " (" + response.statusCode()
                    + "): " + response.body());
        }
        JsonNode json = mapper.readTree(response.body());
        Token token = new Token(
                json.path("access_token").asText(),
                Instant.now().plusSeconds(json.path("expires_in").asLong(300)));
        tokens.put(clientId, token);
        return token.value();
    }

    /** A new SISVendor client of the hub for one LEA: its id and secret. */
    public String[] createVendorClient(String adminId, String adminSecret, String displayName, long leaId)
            throws IOException, InterruptedException {
        String body = mapper.createObjectNode()
                .put("displayName", displayName)
                .put("claimSet", "SISVendor")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                        "educationOrganizationIds", mapper.createArrayNode().add(leaId))
                .set("namespacePrefixes", mapper.createArrayNode())
                .toString();
        Reply reply = call(adminId, adminSecret, "POST", "/admin/v1/clients", body);
        if (reply.status() != 201) {
            throw new IOException(
                    "The hub did not create a publishing client (" + reply.status() + "): " + reply.body());
        }
        JsonNode created = mapper.readTree(reply.body());
        return new String[] {
            created.path("clientId").asText(), created.path("clientSecret").asText()
        };
    }

    /** A query string of key values ({@code ?schoolId=1&studentUniqueId=x}). */
    public static String query(JsonNode keyValues) {
        StringBuilder query = new StringBuilder();
        keyValues
                .properties()
                .forEach(e -> query.append(query.isEmpty() ? '?' : '&')
                        .append(e.getKey())
                        .append('=')
                        .append(URLEncoder.encode(e.getValue().asText(), StandardCharsets.UTF_8)));
        return query.toString();
    }
}
