package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Sql;

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
        Conditions where = Where.and(Conditions.where("id = ?", id).and("resource = ?", resource), access);
        return Sql.first(
                        c,
                        "SELECT " + RENDER + ", change_version FROM document d" + where.sql(),
                        rs -> new Rendered(rs.getString(1), Long.toString(rs.getLong(2))),
                        Where.parameters(c, where))
                .orElse(null);
    }

    /** Offset paging, in insertion order. */
    public Page page(Connection c, QueryCriteria criteria, long offset, int limit) throws SQLException {
        Conditions where = Where.of(criteria, null);
        // the page's rows are chosen first and only they are rendered (skipped rows cost an index step, not JSON)
        String sql = "SELECT " + RENDER + ", sid, id FROM document d WHERE d.sid IN (SELECT d.sid FROM document d"
                + where.sql() + " ORDER BY d.sid LIMIT ? OFFSET ?) ORDER BY sid";
        return page(Sql.list(c, sql, Row::of, Where.parameters(c, where, limit, offset)));
    }

    /**
     * Keyset paging: the items after {@code afterSid} and before {@code beforeSid} (null: no end); the cost of a
     * page does not depend on its position.
     */
    public Page keysetPage(Connection c, QueryCriteria criteria, long afterSid, Long beforeSid, int pageSize)
            throws SQLException {
        Conditions where = Where.of(criteria, afterSid);
        if (beforeSid != null) {
            where = where.and("sid < ?", beforeSid);
        }
        String sql = "SELECT " + RENDER + ", sid, id FROM document d" + where.sql() + " ORDER BY sid LIMIT ?";
        return page(Sql.list(c, sql, Row::of, Where.parameters(c, where, pageSize)));
    }

    /**
     * The first position ({@code sid}) of each of at most {@code partitions} runs of about equal size into which
     * the matching items divide, in order; one per item when there are fewer items, none when there is none. Only
     * positions are read (from the index), no body is rendered.
     */
    public List<Long> partitionStarts(Connection c, QueryCriteria criteria, int partitions) throws SQLException {
        Conditions where = Where.of(criteria, null);
        String sql = "SELECT min(sid) FROM (SELECT d.sid, ntile(?) OVER (ORDER BY d.sid) AS part FROM document d"
                + where.sql() + ") p GROUP BY part ORDER BY 1";
        List<Object> values = new ArrayList<>();
        values.add(partitions);
        values.addAll(Arrays.asList(where.values()));
        return Sql.list(c, sql, rs -> rs.getLong(1), Where.parameters(c, values));
    }

    public long count(Connection c, QueryCriteria criteria) throws SQLException {
        Conditions where = Where.of(criteria, null);
        return Sql.first(
                        c,
                        "SELECT count(*) FROM document d" + where.sql(),
                        rs -> rs.getLong(1),
                        Where.parameters(c, where))
                .orElseThrow();
    }

    /** One row of a page: the rendered item, its position and id. */
    private record Row(String item, long sid, UUID id) {
        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getString(1), rs.getLong(2), rs.getObject(3, UUID.class));
        }
    }

    private static Page page(List<Row> rows) {
        List<String> items = new ArrayList<>(rows.size());
        List<Long> sids = new ArrayList<>(rows.size());
        List<UUID> ids = new ArrayList<>(rows.size());
        for (Row row : rows) {
            items.add(row.item());
            sids.add(row.sid());
            ids.add(row.id());
        }
        return new Page(items, sids, ids);
    }
}
