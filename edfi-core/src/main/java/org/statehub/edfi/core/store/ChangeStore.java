package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.statehub.jdbc.Sql;

/**
 * SQL of the change queries: tombstones ({@code deleted_document}) and key changes ({@code key_change}) in a
 * window of change versions, which resources changed in a window, the newest change version and checkpoints
 * (V1_5). Every method works on the connection it is given.
 */
public final class ChangeStore {

    private static final Sql.Row<Long> LONG = rs -> rs.getLong(1);

    /**
     * Tombstones as {@code {id, changeVersion, keyValues}} JSON, oldest first; {@code access} (on alias {@code d},
     * may be null) is checked against the last body and creator of each deleted item.
     */
    public List<String> deletes(
            Connection c, String resource, Long min, Long max, long offset, int limit, Filter access)
            throws SQLException {
        String sql = "SELECT json_build_object('id', replace(d.id::text, '-', ''), 'changeVersion', d.change_version,"
                + " 'keyValues', d.key_values)::text FROM deleted_document d" + changeWindow(access)
                + " ORDER BY d.change_version LIMIT ? OFFSET ?";
        return changeList(c, sql, resource, min, max, access, offset, limit);
    }

    public long countDeletes(Connection c, String resource, Long min, Long max, Filter access) throws SQLException {
        return countChanges(
                c, "SELECT count(*) FROM deleted_document d" + changeWindow(access), resource, min, max, access);
    }

    /**
     * Key changes as {@code {id, changeVersion, oldKeyValues, newKeyValues}} JSON; several changes of one item in
     * the window collapse into one entry (oldest old values, newest new values, latest change version).
     */
    public List<String> keyChanges(
            Connection c, String resource, Long min, Long max, long offset, int limit, Filter access)
            throws SQLException {
        String sql = "SELECT json_build_object('id', replace(k.id::text, '-', ''), 'changeVersion',"
                + " max(k.change_version),"
                + " 'oldKeyValues', (array_agg(k.old_key_values ORDER BY k.change_version))[1],"
                + " 'newKeyValues', (array_agg(k.new_key_values ORDER BY k.change_version DESC))[1])::text"
                + " FROM key_change k" + keyChangeWindow(access)
                + " GROUP BY k.id ORDER BY max(k.change_version) LIMIT ? OFFSET ?";
        return changeList(c, sql, resource, min, max, access, offset, limit);
    }

    /** {@code access}: on alias {@code k} (see {@code Relationships.changes}). */
    public long countKeyChanges(Connection c, String resource, Long min, Long max, Filter access) throws SQLException {
        return countChanges(
                c,
                "SELECT count(DISTINCT k.id) FROM key_change k" + keyChangeWindow(access),
                resource,
                min,
                max,
                access);
    }

    private static String changeWindow(Filter access) {
        return " WHERE d.resource = ? AND d.change_version >= ? AND d.change_version <= ?"
                + (access == null ? "" : " AND " + access.sql());
    }

    private static String keyChangeWindow(Filter access) {
        return " WHERE k.resource = ? AND k.change_version >= ? AND k.change_version <= ?"
                + (access == null ? "" : " AND " + access.sql());
    }

    /** The resources with any change (write, delete or key change) in the window. */
    public List<String> changedResources(Connection c, long min, long max) throws SQLException {
        return Sql.list(
                c,
                "SELECT resource FROM document WHERE change_version BETWEEN ? AND ?"
                        + " UNION SELECT resource FROM deleted_document WHERE change_version BETWEEN ? AND ?"
                        + " UNION SELECT resource FROM key_change WHERE change_version BETWEEN ? AND ?"
                        + " ORDER BY 1",
                rs -> rs.getString(1),
                min,
                max,
                min,
                max,
                min,
                max);
    }

    /**
     * Whether {@code resource} has an item, tombstone or key change in the window that its filter (on aliases
     * {@code d}, {@code d} and {@code k}; null for none) lets through.
     */
    public boolean changedIn(
            Connection c, String resource, long min, long max, Filter items, Filter deletes, Filter keyChanges)
            throws SQLException {
        String sql = "SELECT EXISTS (SELECT 1 FROM document d" + changeWindow(items) + ")"
                + " OR EXISTS (SELECT 1 FROM deleted_document d" + changeWindow(deletes) + ")"
                + " OR EXISTS (SELECT 1 FROM key_change k" + keyChangeWindow(keyChanges) + ")";
        List<Object> values = window(resource, min, max, items);
        values.addAll(window(resource, min, max, deletes));
        values.addAll(window(resource, min, max, keyChanges));
        Object[] parameters = Where.parameters(c, values);
        return Sql.first(c, sql, rs -> rs.getBoolean(1), parameters).orElseThrow();
    }

    /** The newest change version handed out so far (0 when none). */
    public long newestChangeVersion(Connection c) throws SQLException {
        return Sql.first(c, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM change_version_seq", LONG)
                .orElseThrow();
    }

    /**
     * A checkpoint of the change versions (V1_5): waits until no transaction holds a change version (at most the
     * connection's lock_timeout), raises the sequence to {@code atLeast} when it is below, and returns a version
     * up to which every change is committed and after which every change gets a higher version. Call it in a
     * transaction of its own: the lock it takes lasts until that transaction ends.
     */
    public long checkpoint(Connection c, long atLeast) throws SQLException {
        return Sql.first(c, "SELECT change_version_checkpoint(?)", LONG, atLeast)
                .orElseThrow();
    }

    private List<String> changeList(
            Connection c, String sql, String resource, Long min, Long max, Filter access, long offset, int limit)
            throws SQLException {
        return Sql.list(
                c, sql, rs -> rs.getString(1), Where.parameters(c, window(resource, min, max, access), limit, offset));
    }

    private long countChanges(Connection c, String sql, String resource, Long min, Long max, Filter access)
            throws SQLException {
        return Sql.first(c, sql, LONG, Where.parameters(c, window(resource, min, max, access)))
                .orElseThrow();
    }

    /** The values of a window's placeholders: resource, first and last change version, the access filter's. */
    private static List<Object> window(String resource, Long min, Long max, Filter access) {
        List<Object> values = new ArrayList<>();
        values.add(resource);
        values.add(min == null ? Long.MIN_VALUE : min);
        values.add(max == null ? Long.MAX_VALUE : max);
        if (access != null) {
            values.addAll(access.values());
        }
        return values;
    }
}
