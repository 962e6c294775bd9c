package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/**
 * The {@code year_copy} table (V1_13), a copy of one school year's carried items into another, and the reads of a
 * year's items the copy pages through (docs/decisions/0020, part 5, step 20). The job's row lives in the service's
 * own schema; the items are read and written on connections of the years' schemas.
 */
public final class YearCopyStore {

    private static final String SELECT = "SELECT school_year, from_year, state, resources::text, errors::text,"
            + " started_at, finished_at FROM year_copy";

    /** A copy as stored: its years, state, counts and errors as JSON text, and when it started and finished. */
    public record Row(
            String schoolYear,
            String fromYear,
            String state,
            String resources,
            String errors,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {}

    /** One item of a year: its position (for the next page), natural key and body. */
    public record Item(long sid, String naturalKey, String body) {}

    private static final Sql.Row<Row> READ = Rows.of(Row.class);

    /**
     * Starts the copy into {@code year}: a new row, or the year's last copy started again when it is not running
     * (or its heartbeat stopped more than two minutes ago: its process died); empty when a copy is running.
     */
    public Optional<Row> claim(Connection c, String year, String from) throws SQLException {
        return Sql.first(c, """
                INSERT INTO year_copy (school_year, from_year, state) VALUES (?, ?, 'running')
                ON CONFLICT (school_year) DO UPDATE SET from_year = EXCLUDED.from_year, state = 'running',
                    resources = '{}', errors = '[]', started_at = clock_timestamp(), finished_at = NULL,
                    heartbeat_at = clock_timestamp()
                WHERE year_copy.state <> 'running' OR year_copy.heartbeat_at < clock_timestamp() - interval '2 minutes'
                RETURNING school_year, from_year, state, resources::text, errors::text, started_at, finished_at""", READ, year, from);
    }

    public Optional<Row> find(Connection c, String year) throws SQLException {
        return Sql.first(c, SELECT + " WHERE school_year = ?", READ, year);
    }

    /** Records what the copy did of one resource (and that it is alive). */
    public void progress(Connection c, String year, String resource, long copied, long present) throws SQLException {
        Sql.update(c, """
                UPDATE year_copy SET heartbeat_at = clock_timestamp(),
                    resources = resources || jsonb_build_object(?::text, jsonb_build_object('copied', ?, 'present', ?))
                WHERE school_year = ?""", resource, copied, present, year);
    }

    /** Ends the copy: {@code succeeded}, or {@code failed} with its problems (a JSON array). */
    public void finish(Connection c, String year, String state, String errors) throws SQLException {
        Sql.update(c, """
                UPDATE year_copy SET state = ?, errors = ?::jsonb, finished_at = clock_timestamp(),
                    heartbeat_at = clock_timestamp()
                WHERE school_year = ?""", state, errors, year);
    }

    /** A page of the resource's items after position {@code after}, in insertion order. */
    public List<Item> page(Connection c, String resource, long after, int limit) throws SQLException {
        return Sql.list(
                c,
                "SELECT sid, natural_key, body::text FROM document WHERE resource = ? AND sid > ? ORDER BY sid LIMIT ?",
                rs -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3)),
                resource,
                after,
                limit);
    }
}
