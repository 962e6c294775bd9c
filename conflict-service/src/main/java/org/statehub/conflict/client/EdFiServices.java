package org.statehub.conflict.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.statehub.edfi.core.config.ReplicationConfig;
import org.statehub.edfi.core.replication.ChangeFeed;
import org.statehub.edfi.core.replication.ClientCredentials;

/**
 * conflict-service's calls to the services that store Ed-Fi resources (student-service, enrollment-service), at
 * the URLs of its replication sources and with its own token ({@code edfi.replication.client-id}): their change
 * queries ({@link #feed}) and the Ed-Fi API (find, upsert, delete) for what an administrator decides. Every call
 * has the replication timeout; a failure is an {@link IOException} naming the call and the answer.
 */
@Singleton
public class EdFiServices {

    /** An answer of a service: its status and body. */
    public record Answer(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final ReplicationConfig config;
    private final ObjectMapper mapper;
    private final ClientCredentials credentials;
    private final HttpClient http;

    @Inject
    public EdFiServices(ReplicationConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.credentials = new ClientCredentials(config.tokenUrl(), config.clientId().orElse(null),
                config.clientSecret().orElse(""), mapper, config.timeout());
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The change queries of a service ({@code student-service} or {@code enrollment-service}), or null. */
    public ChangeFeed feed(String service) {
        ReplicationConfig.Source source = config.sources().get(service);
        return source == null ? null : new ChangeFeed(source.url(), mapper, config.timeout(), credentials);
    }

    /** Every item of a resource matching the query (Ed-Fi query by example), page by page. */
    public List<JsonNode> find(String service, String resource, Map<String, String> query) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            StringBuilder path = new StringBuilder("/data/v3/ed-fi/" + resource + "?limit=500&offset=" + offset);
            query.forEach((name, value) -> path.append('&').append(encode(name)).append('=').append(encode(value)));
            Answer answer = send(service, HttpRequest.newBuilder().GET(), path.toString());
            if (answer.status() != 200) {
                throw new IOException("GET " + resource + " at " + service + " answered " + answer.status() + ": "
                        + answer.body());
            }
            JsonNode page = mapper.readTree(answer.body());
            page.forEach(found::add);
            if (page.size() < 500) {
                return found;
            }
        }
    }

    /** POST (upsert by natural key) of an item; the answer as it is. */
    public Answer upsert(String service, String resource, JsonNode body) throws IOException {
        return send(service, HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "/data/v3/ed-fi/" + resource);
    }

    /** DELETE of an item by id; the answer as it is. */
    public Answer delete(String service, String resource, String id) throws IOException {
        return send(service, HttpRequest.newBuilder().DELETE(), "/data/v3/ed-fi/" + resource + "/" + encode(id));
    }

    private Answer send(String service, HttpRequest.Builder request, String path) throws IOException {
        ReplicationConfig.Source source = config.sources().get(service);
        if (source == null) {
            throw new IOException("No URL is configured for " + service + " (edfi.replication.sources)");
        }
        String base = source.url().endsWith("/") ? source.url().substring(0, source.url().length() - 1) : source.url();
        request.uri(URI.create(base + path)).timeout(config.timeout()).header("Accept", "application/json");
        credentials.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                credentials.invalidate();
            }
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling " + service, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
