package org.statehub.feed.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.domain.SeenCode;
import org.statehub.feed.pipeline.Puller;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Connections;
import org.statehub.feed.store.ErrorQueue;
import org.statehub.feed.store.SisConnection;

/** A connection's code mappings: the vendor values seen, mappings added, replaced, deleted and rolled over. */
@Singleton
@RequiredArgsConstructor
public class MappingService {

    /** The mappings after a change, and how many held records the change released. */
    public record Changed(List<ConnectionStore.Mapping> mappings, long released) {}

    private final Connections connections;
    private final ErrorQueue errors;
    private final Pipeline pipeline;

    public List<ConnectionStore.Mapping> mappings(String connectionId) throws SQLException {
        return connections.mappings(connectionId);
    }

    public List<SeenCode> seen(String connectionId, Integer schoolYear, Boolean unmappedOnly) throws SQLException {
        return connections.seen(connectionId, schoolYear, unmappedOnly);
    }

    /** Copies the mappings of school year {@code from} to {@code to}; how many were copied. */
    public Outcome<Map<String, Integer>> rollover(String connectionId, int from, int to) throws SQLException {
        if (from < 1990 || from > 2100 || to < 1990 || to > 2100 || from == to) {
            return Outcome.invalid("$", "From and to are two different school years (1990..2100).");
        }
        return Outcome.done(Map.of("copied", connections.rollover(connectionId, from, to)));
    }

    public Outcome<Boolean> delete(String connectionId, String descriptor, String vendorCode, Integer schoolYear)
            throws SQLException {
        return connections.deleteMapping(connectionId, descriptor, vendorCode, schoolYear == null ? 0 : schoolYear)
                ? Outcome.done(true)
                : Outcome.notFound("No such mapping.");
    }

    /**
     * Adds or replaces mappings (an array of {@code {descriptor, vendorCode, uri, schoolYear?}}); the records the
     * connection's unmapped codes held are prepared again at once (a pull that is running handles them itself).
     */
    public Outcome<Changed> put(SisConnection connection, JsonNode request) throws SQLException {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        List<ConnectionStore.Mapping> mappings = new ArrayList<>();
        if (request == null || !request.isArray()) {
            problems.put("$", List.of("An array of mappings is expected."));
        } else {
            for (int i = 0; i < request.size(); i++) {
                mappings.add(mapping(request.get(i), "$[" + i + "]", problems));
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome.Invalid<>(problems);
        }
        connections.putMappings(connection.id(), mappings);
        List<ConnectionStore.Mapping> all = connections.mappings(connection.id());
        List<Puller.HeldRecord> held = errors.heldByUnmappedCodes(connection.id());
        long released = held.isEmpty()
                ? 0
                : pipeline.retry(connection, held)
                        .map(r -> r.received() - r.held())
                        .orElse(0L);
        return Outcome.done(new Changed(all, released));
    }

    private static ConnectionStore.Mapping mapping(JsonNode m, String at, Map<String, List<String>> problems) {
        String descriptor = m.path("descriptor").asText("");
        String code = m.path("vendorCode").asText("");
        String uri = m.path("uri").asText("");
        int year = m.path("schoolYear").asInt(0);
        if (!descriptor.endsWith("Descriptor")) {
            problems.put(at + ".descriptor", List.of("A descriptor name such as 'SexDescriptor' is required."));
        }
        if (code.isBlank()) {
            problems.put(at + ".vendorCode", List.of("VendorCode is required."));
        }
        if (!uri.startsWith("uri://") || !uri.contains("#")) {
            problems.put(at + ".uri", List.of("A descriptor URI 'uri://namespace/Descriptor#CodeValue' is required."));
        }
        if (year != 0 && (year < 1990 || year > 2100)) {
            problems.put(at + ".schoolYear", List.of("SchoolYear must be 0 (every year) or 1990..2100."));
        }
        return new ConnectionStore.Mapping(descriptor, code, year, uri);
    }
}
