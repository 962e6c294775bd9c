package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * SQL of the read side over the {@code document} table: an item by id and pages of a collection (offset or
 * keyset), their partitions and counts. Items are rendered to JSON by PostgreSQL itself (body plus {@code id},
 * {@code _etag}, {@code _lastModifiedDate}), so reads never parse documents in Java. Every method works on the
 * connection it is given.
 */
public final class QueryStore {

    /** The JSON of an item as served: its body with the system members added. */
    static final String RENDER = "(jsonb_build_object('id', replace(id::text, '-', '')) || body"
            + " || jsonb_build_object('_etag', change_version::text, '_lastModifiedDate',"
            + " to_char(last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')))::text";

    /** One page of rendered items with their positions (for keyset paging) and ids. */
    public record Page(List<String> items, List<Long> sids, List<UUID> ids) {}

    /** A rendered item and its ETag. */
    public record Rendered(String json, String etag) {}

    /** The rendered item, or null; {@code access} (on alias {@code d}, may be null) must hold for it. */
    public Rendered render(Connection c, String resource, UUID id, Filter access) throws SQLException {
        Where where = new Where(" WHERE id = ? AND resource = ?", List.of(id, resource)).and(access);
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + RENDER + ", change_version FROM document d" + where.sql())) {
            where.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Rendered(rs.getString(1), Long.toString(rs.getLong(2))) : null;
            }
        }
    }

    /** Offset paging, in insertion order. */
    public Page page(Connection c, QueryCriteria criteria, long offset, int limit) throws SQLException {
        Where where = Where.of(criteria, null);
        // the page's rows are chosen first and only they are rendered (skipped rows cost an index step, not JSON)
        String sql = "SELECT " + RENDER + ", sid, id FROM document d WHERE d.sid IN (SELECT d.sid FROM document d"
                + where.sql() + " ORDER BY d.sid LIMIT ? OFFSET ?) ORDER BY sid";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = where.bind(ps);
            ps.setInt(i++, limit);
            ps.setLong(i, offset);
            return read(ps);
        }
    }

    /**
     * Keyset paging: the items after {@code afterSid} and before {@code beforeSid} (null: no end); the cost of a
     * page does not depend on its position.
     */
    public Page keysetPage(Connection c, QueryCriteria criteria, long afterSid, Long beforeSid, int pageSize)
            throws SQLException {
        Where where = Where.of(criteria, afterSid);
        if (beforeSid != null) {
            where = where.and("sid < ?", beforeSid);
        }
        String sql = "SELECT " + RENDER + ", sid, id FROM document d" + where.sql() + " ORDER BY sid LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = where.bind(ps);
            ps.setInt(i, pageSize);
            return read(ps);
        }
    }

    /**
     * The first position ({@code sid}) of each of at most {@code partitions} runs of about equal size into which
     * the matching items divide, in order; one per item when there are fewer items, none when there is none. Only
     * positions are read (from the index), no body is rendered.
     */
    public List<Long> partitionStarts(Connection c, QueryCriteria criteria, int partitions) throws SQLException {
        Where where = Where.of(criteria, null);
        String sql = "SELECT min(sid) FROM (SELECT d.sid, ntile(?) OVER (ORDER BY d.sid) AS part FROM document d"
                + where.sql() + ") p GROUP BY part ORDER BY 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, partitions);
            where.bind(ps, 2);
            List<Long> starts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    starts.add(rs.getLong(1));
                }
            }
            return starts;
        }
    }

    public long count(Connection c, QueryCriteria criteria) throws SQLException {
        Where where = Where.of(criteria, null);
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM document d" + where.sql())) {
            where.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Page read(PreparedStatement ps) throws SQLException {
        List<String> items = new ArrayList<>();
        List<Long> sids = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items.add(rs.getString(1));
                sids.add(rs.getLong(2));
                ids.add(rs.getObject(3, UUID.class));
            }
        }
        return new Page(items, sids, ids);
    }
}
