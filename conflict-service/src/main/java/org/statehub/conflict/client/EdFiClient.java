package org.statehub.conflict.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.statehub.conflict.merge.MergeConfig;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.config.ReplicationConfig;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.replication.ChangeFeed;
import org.statehub.edfi.core.store.Ids;
import org.statehub.http.client.ServiceClient;
import org.statehub.http.client.ServiceClient.Call;
import org.statehub.http.client.TokenCache;

/**
 * The Ed-Fi APIs of student-service and enrollment-service, called directly (not through the gateway) at the URLs
 * of {@code edfi.replication.sources.*}, with conflict-service's own token ({@code edfi.replication.token-url},
 * {@code client-id}, {@code client-secret}). Each resource goes to the service the contract names as its owner.
 * Merges and splits, and the write-back of conflict resolutions, go through it; conflict detection reads
 * student-service's reports through its {@link #feed}. Calls go through hub-http's {@link ServiceClient} (time-out
 * {@code conflict.merge.timeout}, retries of what is safe to repeat, the token renewed once on a 401); an
 * unreachable service, a time-out or a 5xx answer is an {@link IOException}, any other answer is returned for
 * the caller to judge. A call is made in the data space of the work at hand (the school year of the merge, conflict
 * or detection round, named in {@code Hub-Data-Space}), so it reaches that year's items only.
 */
@Singleton
public class EdFiClient {

    /** What a write answered: its status, the item's id from {@code Location}, its {@code ETag}, the body. */
    public record Answer(int status, UUID id, String etag, String body) {}

    private static final String DATA = "/data/v3/ed-fi/";
    private static final int PAGE = 500;

    private final ReplicationConfig replication;
    private final ResourceCatalog catalog;
    private final ObjectMapper mapper;
    private final ServiceClient http;

    @Inject
    public EdFiClient(ReplicationConfig replication, MergeConfig config, ResourceCatalog catalog, ObjectMapper mapper) {
        this.replication = replication;
        this.catalog = catalog;
        this.mapper = mapper;
        this.http = new ServiceClient(
                ServiceClient.Settings.of(config.timeout()), replication.credentials(), TokenCache.shared());
    }

    /** The change queries of a service ({@code student-service} or {@code enrollment-service}), or null. */
    public ChangeFeed feed(String service) {
        ReplicationConfig.Source source = replication.sources().get(service);
        return source == null ? null : new ChangeFeed(source.url(), mapper, http);
    }

    /** Every item of {@code resource} matching the query (exact values, by example), all pages. */
    public List<JsonNode> query(String resource, Map<String, String> parameters) throws IOException {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) ->
                query.append('&').append(encode(name)).append('=').append(encode(value)));
        List<JsonNode> items = new ArrayList<>();
        String pageToken = null;
        do {
            String path = DATA + resource + "?pageSize=" + PAGE + query
                    + (pageToken == null ? "" : "&pageToken=" + encode(pageToken));
            ServiceClient.Reply response = send(resource, "GET", path, null, null);
            if (response.status() != 200) {
                throw new IOException("GET " + path + " answered " + response.status() + ": " + response.excerpt());
            }
            mapper.readTree(response.body()).forEach(items::add);
            pageToken = response.header("Next-Page-Token").orElse(null);
        } while (pageToken != null);
        return items;
    }

    /** The item with this id, or empty when the owner has none (404). */
    public Optional<JsonNode> get(String resource, UUID id) throws IOException {
        String path = DATA + resource + "/" + Ids.format(id);
        ServiceClient.Reply response = send(resource, "GET", path, null, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw new IOException("GET " + path + " answered " + response.status() + ": " + response.excerpt());
        }
        return Optional.of(mapper.readTree(response.body()));
    }

    /**
     * POST (upsert by natural key). {@code createOnly}: refuse to update an existing item (412) instead of
     * overwriting it, by an {@code If-Match} no stored version can match.
     */
    public Answer post(String resource, JsonNode body, boolean createOnly) throws IOException {
        return answer(send(resource, "POST", DATA + resource, body, createOnly ? "\"never-an-etag\"" : null));
    }

    /** PUT: replaces the item with this id. */
    public Answer put(String resource, UUID id, JsonNode body) throws IOException {
        return answer(send(resource, "PUT", DATA + resource + "/" + Ids.format(id), body, null));
    }

    /** DELETE, only while the item is at version {@code ifMatch} (null: whatever its version). */
    public Answer delete(String resource, UUID id, String ifMatch) throws IOException {
        return answer(send(
                resource,
                "DELETE",
                DATA + resource + "/" + Ids.format(id),
                null,
                ifMatch == null ? null : "\"" + ifMatch + "\""));
    }

    private Answer answer(ServiceClient.Reply response) {
        UUID id = response.header("Location")
                .map(location -> {
                    String last = location.substring(location.lastIndexOf('/') + 1);
                    return Ids.parse(last);
                })
                .orElse(null);
        String etag = response.header("ETag").map(e -> e.replace("\"", "")).orElse(null);
        return new Answer(response.status(), id, etag, response.excerpt());
    }

    private ServiceClient.Reply send(String resource, String method, String path, JsonNode body, String ifMatch)
            throws IOException {
        String base = baseUrl(resource);
        ServiceClient.Reply response = http.send(Call.of(method, base + path)
                .json(body == null ? null : mapper.writeValueAsString(body))
                .header("If-Match", ifMatch)
                .header(DataSpaces.HEADER, DataSpaces.current().orElse(null)));
        if (response.status() >= 500) {
            throw new IOException(
                    method + " " + base + path + " answered " + response.status() + ": " + response.excerpt());
        }
        return response;
    }

    private String baseUrl(String resource) {
        ResourceDefinition definition = catalog.find(resource);
        if (definition == null) {
            throw new IllegalArgumentException("Not an Ed-Fi resource: " + resource);
        }
        ReplicationConfig.Source source = replication.sources().get(definition.ownerService());
        if (source == null) {
            throw new IllegalStateException("No edfi.replication.sources." + definition.ownerService()
                    + ".url: conflict-service does not know where " + resource + " are served");
        }
        String url = source.url();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
