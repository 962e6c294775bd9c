package org.statehub.feed.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.statehub.feed.domain.SeenCode;
import org.statehub.feed.store.ConnectionStore;
import org.statehub.feed.store.Connections;
import org.statehub.feed.store.SisConnection;

/** Connections and mappings in memory. */
class FakeConnections implements Connections {

    final Map<String, SisConnection> stored = new LinkedHashMap<>();
    final List<ConnectionStore.Mapping> mappings = new ArrayList<>();

    static SisConnection connection(String id, String format) {
        Instant created = Instant.parse("2025-01-01T00:00:00Z");
        return new SisConnection(
                id,
                255901,
                "Acme SIS",
                "http://sis.example",
                format,
                new SisConnection.VendorCredentials("key"),
                "publisher",
                "publisher-secret",
                "0 0 14,17 * * ?",
                "UTC",
                List.of("students", "studentSchoolAssociations"),
                List.of(2025),
                true,
                true,
                null,
                created,
                created,
                List.of(),
                List.of(),
                java.util.Map.of());
    }

    FakeConnections with(SisConnection connection) {
        stored.put(connection.id(), connection);
        return this;
    }

    @Override
    public Optional<SisConnection> find(String id) {
        return Optional.ofNullable(stored.get(id));
    }

    @Override
    public List<SisConnection> list() {
        return List.copyOf(stored.values());
    }

    @Override
    public void insert(SisConnection connection) {
        stored.put(connection.id(), connection);
    }

    @Override
    public void update(SisConnection connection) {
        stored.put(connection.id(), connection);
    }

    @Override
    public List<ConnectionStore.Mapping> mappings(String connectionId) {
        return List.copyOf(mappings);
    }

    @Override
    public void putMappings(String connectionId, List<ConnectionStore.Mapping> added) {
        mappings.addAll(added);
    }

    @Override
    public boolean deleteMapping(String connectionId, String descriptor, String vendorCode, int schoolYear) {
        return mappings.removeIf(m ->
                m.descriptor().equals(descriptor) && m.vendorCode().equals(vendorCode) && m.schoolYear() == schoolYear);
    }

    @Override
    public int rollover(String connectionId, int from, int to) {
        return (int) mappings.stream().filter(m -> m.schoolYear() == from).count();
    }

    @Override
    public List<SeenCode> seen(String connectionId, Integer schoolYear, Boolean unmappedOnly) {
        return List.of();
    }
}
