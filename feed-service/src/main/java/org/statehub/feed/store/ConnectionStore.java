package org.statehub.feed.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.jdbc.Sql;

/** JDBC access to connections and their code mappings (schema {@code feed}). */
@RequiredArgsConstructor
public final class ConnectionStore {

    private static final String COLUMNS = "id, local_education_agency_id, vendor, base_url, format, vendor_credentials,"
            + " publish_client_id, publish_secret, schedule, time_zone, resources, school_years, prefer_legal_names,"
            + " enabled, next_pull_at, created_at, updated_at, excluded_school_ids, excluded_calendar_codes,"
            + " extension_columns";

    private final Secrets secrets;
    private final ObjectMapper mapper;

    /** The values of {@link #COLUMNS}, in order (those that may be null cast). */
    private static final String VALUES =
            "?, ?, ?, ?, ?, ?::text, ?::text, ?::text, ?, ?, ?, ?, ?, ?, ?::timestamptz," + " ?, ?, ?, ?, ?::jsonb";

    public void insert(Connection c, SisConnection connection) throws SQLException {
        Sql.update(c, "INSERT INTO connection (" + COLUMNS + ") VALUES (" + VALUES + ")", values(c, connection));
    }

    public boolean update(Connection c, SisConnection connection) throws SQLException {
        Object[] values = Arrays.copyOf(values(c, connection), 21);
        values[20] = connection.id();
        return Sql.update(c, "UPDATE connection SET (" + COLUMNS + ") = (" + VALUES + ") WHERE id = ?", values) == 1;
    }

    public Optional<SisConnection> find(Connection c, String id) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM connection WHERE id = ?", this::read, id);
    }

    public List<SisConnection> list(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM connection ORDER BY created_at, id", this::read);
    }

    /** Enabled connections whose next scheduled pull is due. */
    public List<SisConnection> due(Connection c, Instant now) throws SQLException {
        return Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM connection"
                        + " WHERE enabled AND format <> 'push' AND next_pull_at <= ? ORDER BY next_pull_at",
                this::read,
                Timestamp.from(now));
    }

    /**
     * Moves a connection's next pull from {@code expected} to {@code next}; false when another instance did it
     * first (so a scheduled pull fires once across instances).
     */
    public boolean claimScheduled(Connection c, String id, Instant expected, Instant next) throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE connection SET next_pull_at = ?::timestamptz WHERE id = ? AND next_pull_at = ?",
                        next == null ? null : Timestamp.from(next),
                        id,
                        Timestamp.from(expected))
                == 1;
    }

    /** A code mapping row. {@code schoolYear} 0 applies to every school year. */
    public record Mapping(String descriptor, String vendorCode, int schoolYear, String uri) {}

    /** A vendor value a run saw: its descriptor, code, school year (0: undated) and number of records. */
    public record Seen(String descriptor, String vendorCode, int schoolYear, long records) {}

    /** Records the values a run saw (the counts of the latest run that saw each value). */
    public void seen(Connection c, String connectionId, long runId, List<Seen> seen) throws SQLException {
        Sql.batch(
                c,
                "INSERT INTO code_seen (connection_id, descriptor, vendor_code, school_year, records, last_run_id,"
                        + " last_seen) VALUES (?, ?, ?, ?, ?, ?, clock_timestamp())"
                        + " ON CONFLICT (connection_id, descriptor, vendor_code, school_year) DO UPDATE SET"
                        + " records = EXCLUDED.records, last_run_id = EXCLUDED.last_run_id,"
                        + " last_seen = EXCLUDED.last_seen",
                seen,
                value -> new Object[] {
                    connectionId, value.descriptor(), value.vendorCode(), value.schoolYear(), value.records(), runId
                });
    }

    /** Copies one school year's mappings to another (existing ones of the target year are kept). */
    public int rollover(Connection c, String connectionId, int from, int to) throws SQLException {
        return Sql.update(
                c,
                "INSERT INTO code_mapping (connection_id, descriptor, vendor_code, school_year, uri)"
                        + " SELECT connection_id, descriptor, vendor_code, ?, uri FROM code_mapping"
                        + " WHERE connection_id = ? AND school_year = ? ON CONFLICT DO NOTHING",
                to,
                connectionId,
                from);
    }

    public List<Mapping> mappings(Connection c, String connectionId) throws SQLException {
        return Sql.list(
                c,
                "SELECT descriptor, vendor_code, school_year, uri FROM code_mapping WHERE connection_id = ?"
                        + " ORDER BY descriptor, vendor_code, school_year",
                rs -> new Mapping(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)),
                connectionId);
    }

    /** Adds or replaces mappings (same descriptor, code and school year). */
    public void putMappings(Connection c, String connectionId, List<Mapping> mappings) throws SQLException {
        Sql.batch(
                c,
                "INSERT INTO code_mapping (connection_id, descriptor, vendor_code, school_year, uri)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (connection_id, descriptor, vendor_code, school_year)"
                        + " DO UPDATE SET uri = EXCLUDED.uri",
                mappings,
                m -> new Object[] {connectionId, m.descriptor(), m.vendorCode(), m.schoolYear(), m.uri()});
    }

    public boolean deleteMapping(
            Connection c, String connectionId, String descriptor, String vendorCode, int schoolYear)
            throws SQLException {
        return Sql.update(
                        c,
                        "DELETE FROM code_mapping WHERE connection_id = ? AND descriptor = ? AND vendor_code = ?"
                                + " AND school_year = ?",
                        connectionId,
                        descriptor,
                        vendorCode,
                        schoolYear)
                == 1;
    }

    /** The connection's values for {@link #COLUMNS}, credentials and the publishing secret encrypted. */
    private Object[] values(Connection c, SisConnection k) throws SQLException {
        return new Object[] {
            k.id(),
            k.localEducationAgencyId(),
            k.vendor(),
            k.baseUrl(),
            k.format(),
            k.credentials() == null || !k.credentials().any()
                    ? null
                    : secrets.encrypt(mapper.createObjectNode()
                            .put("apiKey", k.credentials().apiKey())
                            .toString()),
            k.publishClientId(),
            secrets.encrypt(k.publishSecret()),
            k.schedule(),
            k.timeZone(),
            Sql.array(c, "text", k.resources().toArray()),
            Sql.array(c, "integer", k.schoolYears().toArray()),
            k.preferLegalNames(),
            k.enabled(),
            k.nextPullAt() == null ? null : Timestamp.from(k.nextPullAt()),
            Timestamp.from(k.createdAt()),
            Timestamp.from(k.updatedAt()),
            Sql.array(c, "bigint", k.excludedSchoolIds().toArray()),
            Sql.array(c, "text", k.excludedCalendarCodes().toArray()),
            json(k.extensionColumns())
        };
    }

    private SisConnection read(ResultSet rs) throws SQLException {
        String credentials = rs.getString(6);
        SisConnection.VendorCredentials vendor = new SisConnection.VendorCredentials(null);
        if (credentials != null) {
            try {
                ObjectNode node = (ObjectNode) mapper.readTree(secrets.decrypt(credentials));
                vendor = new SisConnection.VendorCredentials(node.path("apiKey").asText(null));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("Stored vendor credentials are not readable", e);
            }
        }
        Timestamp next = rs.getTimestamp(15);
        return new SisConnection(
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
                strings(rs.getArray(19)),
                extensionColumns(rs.getString(20)));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A connection's settings cannot be written as JSON", e);
        }
    }

    private Map<String, Map<String, String>> extensionColumns(String json) {
        try {
            return mapper.readValue(json, new TypeReference<LinkedHashMap<String, Map<String, String>>>() {});
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored extension columns are not readable", e);
        }
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
