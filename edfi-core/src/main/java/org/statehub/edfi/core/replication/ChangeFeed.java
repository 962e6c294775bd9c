package org.statehub.edfi.core.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.http.client.Credentials;
import org.statehub.http.client.ServiceClient;
import org.statehub.http.client.ServiceClient.Call;
import org.statehub.http.client.TokenCache;

/**
 * The Ed-Fi change queries of another service, over HTTP: newest change version, which resources changed,
 * the items and tombstones of a resource in a window (paged), and a lookup by natural key, through hub-http's
 * {@link ServiceClient} (time-outs, retries, this service's token). Any failure is an {@link IOException} for the
 * caller to retry later. Each call is made in the current data space: a year's replica reads the source's same year.
 */
public final class ChangeFeed {

    static final int PAGE = 500;

    private final String baseUrl;
    private final ServiceClient http;
    private final ObjectMapper mapper;

    /** The change queries at {@code baseUrl}, called with {@code http} (and the client it calls as). */
    public ChangeFeed(String baseUrl, ObjectMapper mapper, ServiceClient http) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.mapper = mapper;
        this.http = http;
    }

    /** The change queries at {@code baseUrl}, called as {@code credentials} (null: without a token). */
    public ChangeFeed(String baseUrl, ObjectMapper mapper, Duration timeout, Credentials credentials) {
        this(baseUrl, mapper, new ServiceClient(ServiceClient.Settings.of(timeout), credentials, TokenCache.shared()));
    }

    public String baseUrl() {
        return baseUrl;
    }

    public long newestChangeVersion() throws IOException {
        return get("/changeQueries/v1/availableChangeVersions")
                .body()
                .path("newestChangeVersion")
                .asLong();
    }

    /**
     * A change version up to which every change of the source is committed (its checkpoint, decision 0007), or
     * empty when the source gives none to this client (not a state administrator's) or could not pause its writes
     * in time; then only {@link #newestChangeVersion()} is known, and changes below it may still be committing.
     */
    public java.util.OptionalLong committedChangeVersion() throws IOException {
        ServiceClient.Reply response = http.send(inSpace(Call.post(baseUrl + "/changeQueries/v1/checkpoints", "{}")));
        if (response.status() != 200) {
            return java.util.OptionalLong.empty();
        }
        JsonNode version = mapper.readTree(response.body()).path("changeVersion");
        return version.canConvertToLong()
                ? java.util.OptionalLong.of(version.asLong())
                : java.util.OptionalLong.empty();
    }

    public List<String> changedResources(long min, long max) throws IOException {
        List<String> resources = new ArrayList<>();
        get("/changeQueries/v1/changedResources?minChangeVersion=" + min + "&maxChangeVersion=" + max)
                .body()
                .forEach(r -> resources.add(r.asText()));
        return resources;
    }

    /** A page handler that may write to the database. */
    @FunctionalInterface
    public interface PageHandler {
        void accept(List<JsonNode> page) throws IOException, java.sql.SQLException;
    }

    /** Items of {@code resource} whose change version is in [min, max], page by page (keyset paging). */
    public void items(String resource, long min, long max, PageHandler handler)
            throws IOException, java.sql.SQLException {
        String token = null;
        do {
            String path = path(resource) + "?minChangeVersion=" + min + "&maxChangeVersion=" + max + "&pageSize=" + PAGE
                    + (token == null ? "" : "&pageToken=" + encode(token));
            Page page = get(path);
            List<JsonNode> items = new ArrayList<>();
            page.body().forEach(items::add);
            if (!items.isEmpty()) {
                handler.accept(items);
            }
            token = page.nextPageToken();
        } while (token != null);
    }

    /** Tombstones of {@code resource} with change version in [min, max], page by page. */
    public void deletes(String resource, long min, long max, PageHandler handler)
            throws IOException, java.sql.SQLException {
        offsetPages(path(resource) + "/deletes", min, max, handler);
    }

    /**
     * What each education organization reported of the items of {@code resource} (student-service's students),
     * with change version in [min, max], page by page.
     */
    public void reports(String resource, long min, long max, PageHandler handler)
            throws IOException, java.sql.SQLException {
        offsetPages(path(resource) + "/reports", min, max, handler);
    }

    private void offsetPages(String path, long min, long max, PageHandler handler)
            throws IOException, java.sql.SQLException {
        for (long offset = 0; ; offset += PAGE) {
            JsonNode page = get(path + "?minChangeVersion=" + min + "&maxChangeVersion=" + max + "&offset=" + offset
                            + "&limit=" + PAGE)
                    .body();
            List<JsonNode> items = new ArrayList<>();
            page.forEach(items::add);
            if (!items.isEmpty()) {
                handler.accept(items);
            }
            if (items.size() < PAGE) {
                return;
            }
        }
    }

    /** The item of {@code resource} with these natural-key values (leaf names), if the owner has it. */
    public Optional<JsonNode> find(String resource, Map<String, String> keyValues) throws IOException {
        StringBuilder query = new StringBuilder();
        keyValues.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&")
                .append(encode(name))
                .append('=')
                .append(encode(value)));
        JsonNode found = get(path(resource) + query).body();
        return found.isArray() && !found.isEmpty() ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** The owner's URL path of the resource with this catalog key ({@code /data/v3/ed-fi/schools}). */
    private static String path(String resource) {
        return "/data/v3" + org.statehub.edfi.contract.ResourceDefinition.pathOf(resource);
    }

    private record Page(JsonNode body, String nextPageToken) {}

    private Page get(String path) throws IOException {
        ServiceClient.Reply response = http.send(inSpace(Call.get(baseUrl + path)));
        if (response.status() != 200) {
            throw new IOException("GET " + baseUrl + path + " answered " + response.status());
        }
        return new Page(
                mapper.readTree(response.body()),
                response.header("Next-Page-Token").orElse(null));
    }

    /** The call in the current data space: the source's same school year (docs/decisions/0020, part 5). */
    private static Call inSpace(Call call) {
        return call.header(DataSpaces.HEADER, DataSpaces.current().orElse(null));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
