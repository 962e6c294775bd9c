package org.statehub.feed.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.statehub.http.client.Credentials;
import org.statehub.http.client.ServiceClient;
import org.statehub.http.client.ServiceClient.Call;

/**
 * The hub as an ordinary API client sees it, through the gateway: the Ed-Fi resources and the admin API that makes
 * publishing clients, each call made as one of the hub's clients (its token from hub-http's token cache, renewed
 * once on a 401) through hub-http's {@link ServiceClient}.
 */
public final class HubClient {

    /**
     * A response: status, body text, the id at the end of the Location header, the Total-Count and
     * Next-Page-Token headers (each null when absent).
     */
    public record Reply(int status, String body, String locationId, Long total, String nextPageToken) {}

    private final String hubUrl;
    private final ObjectMapper mapper;
    private final ServiceClient http;

    public HubClient(String hubUrl, ObjectMapper mapper, Duration timeout) {
        this.hubUrl = hubUrl.replaceAll("/+$", "");
        this.mapper = mapper;
        this.http = new ServiceClient(ServiceClient.Settings.of(timeout));
    }

    /** Calls the hub as this client; {@code body} may be null. A 401 renews the token once. */
    public Reply call(String clientId, String secret, String method, String path, String body)
            throws IOException, InterruptedException {
        ServiceClient.Reply response = http.send(Call.of(method, hubUrl + path)
                .json(body)
                .as(new Credentials(hubUrl + "/oauth/token", clientId, secret)));
        String location = response.header("Location").orElse(null);
        String id = location == null ? null : location.substring(location.lastIndexOf('/') + 1);
        Long total = response.header("Total-Count").map(Long::parseLong).orElse(null);
        return new Reply(
                response.status(),
                response.text(),
                id,
                total,
                response.header("Next-Page-Token").orElse(null));
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
