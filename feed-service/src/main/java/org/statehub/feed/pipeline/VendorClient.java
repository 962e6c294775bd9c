package org.statehub.feed.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.statehub.feed.store.SisConnection;
import org.statehub.http.client.ServiceClient;

/**
 * Reads a vendor's Ed-Fi-shaped JSON resources page by page ({@code GET {base}/vendor/v1/{resource}?offset&limit}),
 * parsing each page as a stream: one record in memory at a time, whatever the page or district size, through
 * hub-http's {@link ServiceClient} (time-out {@code feed.pull-timeout}, a page whose connection fails is asked
 * again). Any failure (unreachable, timeout, an error status, a body cut off or not JSON) is a
 * {@link PullFailure}.
 */
public final class VendorClient {

    /** Receives each record; may fail with a database error. */
    @FunctionalInterface
    public interface RecordSink {
        void accept(ObjectNode record) throws java.sql.SQLException;
    }

    private final ServiceClient http;
    private final ObjectMapper mapper;
    private final Duration timeout;

    public VendorClient(ObjectMapper mapper, Duration timeout) {
        this.mapper = mapper;
        this.timeout = timeout;
        this.http = new ServiceClient(ServiceClient.Settings.of(timeout));
    }

    /** Every record of the resource, in the vendor's order; returns how many were read. */
    public long read(SisConnection connection, String resource, int pageSize, RecordSink sink)
            throws PullFailure, java.sql.SQLException {
        long offset = 0;
        while (true) {
            int count = page(connection, resource, offset, pageSize, sink);
            offset += count;
            if (count < pageSize) {
                return offset;
            }
        }
    }

    /** Receives each row of a template, by column name. */
    @FunctionalInterface
    public interface RowSink {
        void accept(java.util.Map<String, String> row) throws java.sql.SQLException;
    }

    /**
     * Every row of a collection template ({@code GET {base}/templates/v1/{template}?format=csv}), streamed. A row
     * whose number of cells differs from the header's fails the pull (a malformed file is not half-loaded).
     */
    public long readTemplate(SisConnection connection, String template, RowSink sink)
            throws PullFailure, java.sql.SQLException {
        URI uri = URI.create(connection.baseUrl().replaceAll("/+$", "") + "/templates/v1/" + template + "?format=csv");
        HttpResponse<InputStream> response = send(connection, uri, template, "text/csv");
        long rows = 0;
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                String text = new String(body.readNBytes(500), java.nio.charset.StandardCharsets.UTF_8);
                throw new PullFailure("The vendor answered " + response.statusCode() + " for the " + template
                        + " template (" + uri + "): " + text.strip());
            }
            CsvReader csv = new CsvReader(new java.io.BufferedReader(
                    new java.io.InputStreamReader(body, java.nio.charset.StandardCharsets.UTF_8)));
            List<String> header = csv.next();
            if (header == null || header.isEmpty()) {
                throw new PullFailure("The " + template + " template has no header row.");
            }
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1));
            }
            List<String> row;
            while ((row = csv.next()) != null) {
                rows++;
                if (row.size() == 1 && row.get(0).isEmpty()) {
                    continue; // an empty line
                }
                if (row.size() != header.size()) {
                    throw new PullFailure("Row " + rows + " of the " + template + " template has " + row.size()
                            + " cells; its header has " + header.size() + ". Nothing of this pull is published.");
                }
                java.util.Map<String, String> cells = new java.util.LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.get(i), row.get(i).isEmpty() ? null : row.get(i));
                }
                sink.accept(cells);
            }
        } catch (IOException e) {
            throw new PullFailure(
                    "The " + template + " template could not be read completely (cut off?): " + e.getMessage(), e);
        }
        return rows;
    }

    private HttpResponse<InputStream> send(SisConnection connection, URI uri, String what, String accept)
            throws PullFailure {
        ServiceClient.Call call = ServiceClient.Call.get(uri.toString()).header("Accept", accept);
        if (connection.credentials() != null && connection.credentials().any()) {
            call.header("X-API-Key", connection.credentials().apiKey());
        }
        try {
            return http.stream(call);
        } catch (HttpTimeoutException e) {
            throw new PullFailure(
                    "The vendor did not answer " + what + " within " + timeout.toSeconds() + " s (" + uri + ").", e);
        } catch (java.io.InterruptedIOException e) {
            throw new PullFailure("The pull was interrupted.", e);
        } catch (IOException e) {
            throw new PullFailure("The vendor cannot be reached for " + what + " (" + uri + "): " + e, e);
        }
    }

    private int page(SisConnection connection, String resource, long offset, int limit, RecordSink sink)
            throws PullFailure, java.sql.SQLException {
        String base = connection.baseUrl().replaceAll("/+$", "");
        URI uri = URI.create(base + "/vendor/v1/" + resource + "?offset=" + offset + "&limit=" + limit);
        HttpResponse<InputStream> response = send(connection, uri, resource, "application/json");
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                String text = new String(body.readNBytes(500), java.nio.charset.StandardCharsets.UTF_8);
                throw new PullFailure("The vendor answered " + response.statusCode() + " for " + resource + " (" + uri
                        + "): " + text.strip());
            }
            return parse(body, resource, sink);
        } catch (IOException e) {
            throw new PullFailure(
                    "The vendor's " + resource + " page at offset " + offset + " could not be read"
                            + " completely (cut off or not valid JSON): " + e.getMessage(),
                    e);
        }
    }

    private int parse(InputStream body, String resource, RecordSink sink)
            throws IOException, PullFailure, java.sql.SQLException {
        int count = 0;
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new PullFailure("The vendor's " + resource + " page is not a JSON array.");
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new PullFailure("The vendor's " + resource + " page ended before its last record.");
                }
                JsonNode record = mapper.readTree(parser);
                count++;
                if (!(record instanceof ObjectNode object)) {
                    throw new PullFailure("The vendor's " + resource + " page holds something other than records.");
                }
                sink.accept(object);
            }
            if (parser.nextToken() != null) {
                throw new PullFailure("The vendor's " + resource + " page has content after its end.");
            }
        } catch (JsonProcessingException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
        return count;
    }
}
