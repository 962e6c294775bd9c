package org.statehub.feed.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** JDBC access to connections and their code mappings (schema {@code feed}). */
public final class ConnectionStore {

    private static final String COLUMNS = "id, local_education_agency_id, vendor, base_url, format, vendor_credentials,"
            + " publish_client_id, publish_secret, schedule, time_zone, resources, school_years, prefer_legal_names,"
            + " enabled, next_pull_at, created_at, updated_at, excluded_school_ids, excluded_calendar_codes";

    private final Secrets secrets;
    private final ObjectMapper mapper;

    public ConnectionStore(Secrets secrets, ObjectMapper mapper) {
        this.secrets = secrets;
        this.mapper = mapper;
    }

    public void insert(Connection c, SisConnection connection) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO connection (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(c, ps, connection);
            ps.executeUpdate();
        }
    }

    public boolean update(Connection c, SisConnection connection) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connection SET (" + COLUMNS + ")"
                + " = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?")) {
            bind(c, ps, connection);
            ps.setString(20, connection.id());
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<SisConnection> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM connection WHERE id = ?")) {
            ps.setString(1, id);
            List<SisConnection> found = read(ps);
            return found.stream().findFirst();
        }
    }

    public List<SisConnection> list(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM connection ORDER BY created_at, id")) {
            return read(ps);
        }
    }

    /** Enabled connections whose next scheduled pull is due. */
    public List<SisConnection> due(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM connection"
                + " WHERE enabled AND format <> 'push' AND next_pull_at <= ? ORDER BY next_pull_at")) {
            ps.setTimestamp(1, Timestamp.from(now));
            return read(ps);
        }
    }

    /**
     * Moves a connection's next pull from {@code expected} to {@code next}; false when another instance did it
     * first (so a scheduled pull fires once across instances).
     */
    public boolean claimScheduled(Connection c, String id, Instant expected, Instant next) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE connection SET next_pull_at = ? WHERE id = ? AND next_pull_at = ?")) {
            ps.setTimestamp(1, next == null ? null : Timestamp.from(next));
            ps.setString(2, id);
            ps.setTimestamp(3, Timestamp.from(expected));
            return ps.executeUpdate() == 1;
        }
    }

    /** A code mapping row. {@code schoolYear} 0 applies to every school year. */
    public record Mapping(String descriptor, String vendorCode, int schoolYear, String uri) {}

    /** A vendor value a run saw: its descriptor, code, school year (0: undated) and number of records. */
    public record Seen(String descriptor, String vendorCode, int schoolYear, long records) {}

    /** Records the values a run saw (the counts of the latest run that saw each value). */
    public void seen(Connection c, String connectionId, long runId, List<Seen> seen) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO code_seen (connection_id, descriptor,"
                + " vendor_code, school_year, records, last_run_id, last_seen) VALUES (?, ?, ?, ?, ?, ?, clock_timestamp())"
                + " ON CONFLICT (connection_id, descriptor, vendor_code, school_year) DO UPDATE SET"
                + " records = EXCLUDED.records, last_run_id = EXCLUDED.last_run_id, last_seen = EXCLUDED.last_seen")) {
            for (Seen value : seen) {
                ps.setString(1, connectionId);
                ps.setString(2, value.descriptor());
                ps.setString(3, value.vendorCode());
                ps.setInt(4, value.schoolYear());
                ps.setLong(5, value.records());
                ps.setLong(6, runId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Copies one school year's mappings to another (existing ones of the target year are kept). */
    public int rollover(Connection c, String connectionId, int from, int to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO code_mapping (connection_id, descriptor,"
                + " vendor_code, school_year, uri) SELECT connection_id, descriptor, vendor_code, ?, uri FROM code_mapping"
                + " WHERE connection_id = ? AND school_year = ? ON CONFLICT DO NOTHING")) {
            ps.setInt(1, to);
            ps.setString(2, connectionId);
            ps.setInt(3, from);
            return ps.executeUpdate();
        }
    }

    public List<Mapping> mappings(Connection c, String connectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT descriptor, vendor_code, school_year, uri"
                + " FROM code_mapping WHERE connection_id = ? ORDER BY descriptor, vendor_code, school_year")) {
            ps.setString(1, connectionId);
            List<Mapping> mappings = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    mappings.add(new Mapping(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
                }
            }
            return mappings;
        }
    }

    /** Adds or replaces mappings (same descriptor, code and school year). */
    public void putMappings(Connection c, String connectionId, List<Mapping> mappings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO code_mapping"
                        + " (connection_id, descriptor, vendor_code, school_year, uri) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (connection_id, descriptor, vendor_code, school_year) DO UPDATE SET uri = EXCLUDED.uri")) {
            for (Mapping m : mappings) {
                ps.setString(1, connectionId);
                ps.setString(2, m.descriptor());
                ps.setString(3, m.vendorCode());
                ps.setInt(4, m.schoolYear());
                ps.setString(5, m.uri());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public boolean deleteMapping(
            Connection c, String connectionId, String descriptor, String vendorCode, int schoolYear)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM code_mapping WHERE connection_id = ?"
                + " AND descriptor = ? AND vendor_code = ? AND school_year = ?")) {
            ps.setString(1, connectionId);
            ps.setString(2, descriptor);
            ps.setString(3, vendorCode);
            ps.setInt(4, schoolYear);
            return ps.executeUpdate() == 1;
        }
    }

    private void bind(Connection c, PreparedStatement ps, SisConnection k) throws SQLException {
        ps.setString(1, k.id());
        ps.setLong(2, k.localEducationAgencyId());
        ps.setString(3, k.vendor());
        ps.setString(4, k.baseUrl());
        ps.setString(5, k.format());
        ps.setString(
                6,
                k.credentials() == null || !k.credentials().any()
                        ? null
                        : secrets.encrypt(mapper.createObjectNode()
                                .put("apiKey", k.credentials().apiKey())
                                .toString()));
        ps.setString(7, k.publishClientId());
        ps.setString(8, secrets.encrypt(k.publishSecret()));
        ps.setString(9, k.schedule());
        ps.setString(10, k.timeZone());
        ps.setArray(11, c.createArrayOf("text", k.resources().toArray()));
        ps.setArray(12, c.createArrayOf("integer", k.schoolYears().toArray()));
        ps.setBoolean(13, k.preferLegalNames());
        ps.setBoolean(14, k.enabled());
        ps.setTimestamp(15, k.nextPullAt() == null ? null : Timestamp.from(k.nextPullAt()));
        ps.setTimestamp(16, Timestamp.from(k.createdAt()));
        ps.setTimestamp(17, Timestamp.from(k.updatedAt()));
        ps.setArray(18, c.createArrayOf("bigint", k.excludedSchoolIds().toArray()));
        ps.setArray(19, c.createArrayOf("text", k.excludedCalendarCodes().toArray()));
    }

    private List<SisConnection> read(PreparedStatement ps) throws SQLException {
        List<SisConnection> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String credentials = rs.getString(6);
                SisConnection.VendorCredentials vendor = new SisConnection.VendorCredentials(null);
                if (credentials != null) {
                    try {
                        ObjectNode node = (ObjectNode) mapper.readTree(secrets.decrypt(credentials));
                        vendor = new SisConnection.VendorCredentials(
                                node.path("apiKey").asText(null));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("Stored vendor credentials are not readable", e);
                    }
                }
                Timestamp next = rs.getTimestamp(15);
                found.add(new SisConnection(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        vendor,
                        rs.getString(7),
                        secrets.decrypt(rs.getString(8)),
                        rs.getString(9),
                        rs.getString(10),
                        strings(rs.getArray(11)),
                        integers(rs.getArray(12)),
                        rs.getBoolean(13),
                        rs.getBoolean(14),
                        next == null ? null : next.toInstant(),
                        rs.getTimestamp(16).toInstant(),
                        rs.getTimestamp(17).toInstant(),
                        longs(rs.getArray(18)),
                        strings(rs.getArray(19))));
            }
        }
        return found;
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(Object::toString).toList();
    }

    private static List<Long> longs(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray())
                .map(o -> ((Number) o).longValue())
                .toList();
    }

    private static List<Integer> integers(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray())
                .map(o -> ((Number) o).intValue())
                .toList();
    }
}
