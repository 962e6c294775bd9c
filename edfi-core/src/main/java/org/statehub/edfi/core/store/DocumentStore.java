package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * SQL over the document tables of the current schema (see {@code db/edfi-core}). Every method works on the
 * connection it is given, so the caller decides the transaction. Items are rendered to JSON by PostgreSQL itself
 * (body plus {@code id}, {@code _etag}, {@code _lastModifiedDate}), so reads never parse documents in Java.
 */
public final class DocumentStore {

    /** The JSON of an item as served: its body with the system members added. */
    static final String RENDER = "(jsonb_build_object('id', replace(id::text, '-', '')) || body"
            + " || jsonb_build_object('_etag', change_version::text, '_lastModifiedDate',"
            + " to_char(last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')))::text";

    /** What an upsert did. {@code changed} is false when the stored body was already identical. */
    public record UpsertResult(UUID id, long changeVersion, boolean inserted, boolean changed) {}

    /** One page of rendered items with their positions (for keyset paging) and ids. */
    public record Page(List<String> items, List<Long> sids, List<UUID> ids) {}

    public StoredDocument findById(Connection c, String resource, UUID id, boolean forUpdate) throws SQLException {
        String sql = "SELECT sid, id, natural_key, body::text, change_version, last_modified, created_by"
                + " FROM document WHERE id = ? AND resource = ?" + (forUpdate ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            ps.setString(2, resource);
            return one(ps);
        }
    }

    public StoredDocument findByKey(Connection c, String resource, String naturalKey, boolean forUpdate)
            throws SQLException {
        String sql = "SELECT sid, id, natural_key, body::text, change_version, last_modified, created_by"
                + " FROM document WHERE resource = ? AND natural_key = ?" + (forUpdate ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, resource);
            ps.setString(2, naturalKey);
            return one(ps);
        }
    }

    /**
     * True when an item with the key exists. The row is locked FOR KEY SHARE until the transaction ends, so a
     * concurrent delete of the referenced item waits and then sees the new reference (as a foreign key would).
     */
    public boolean lockKey(Connection c, String resource, String naturalKey) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM document WHERE resource = ? AND natural_key = ? FOR KEY SHARE")) {
            ps.setString(1, resource);
            ps.setString(2, naturalKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** True when some item of {@code resource} contains {@code containment} (a reference to another item). */
    public boolean anyContaining(Connection c, String resource, String containment) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM document WHERE resource = ? AND body @> ?::jsonb LIMIT 1")) {
            ps.setString(1, resource);
            ps.setString(2, containment);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The items of {@code resource} that contain {@code containment}, locked for update. */
    public List<StoredDocument> lockContaining(Connection c, String resource, String containment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sid, id, natural_key, body::text, change_version, last_modified, created_by FROM document"
                        + " WHERE resource = ? AND body @> ?::jsonb ORDER BY sid FOR UPDATE")) {
            ps.setString(1, resource);
            ps.setString(2, containment);
            List<StoredDocument> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new StoredDocument(
                            rs.getLong(1),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getLong(5),
                            rs.getTimestamp(6).toInstant(),
                            rs.getString(7)));
                }
            }
            return found;
        }
    }

    /** Which of {@code naturalKeys} exist for {@code resource}. */
    public java.util.Set<String> existingKeys(Connection c, String resource, java.util.Collection<String> naturalKeys)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT natural_key FROM document WHERE resource = ? AND natural_key = ANY(?)")) {
            ps.setString(1, resource);
            ps.setArray(2, c.createArrayOf("text", naturalKeys.toArray()));
            java.util.Set<String> found = new java.util.HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }

    /** Inserts items whose natural key is new and leaves existing ones alone; returns how many were inserted. */
    public int insertMissing(Connection c, List<UpsertItem> items) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO document (id, resource, natural_key, body, change_version, last_modified, created_by)"
                        + " SELECT u.id, u.resource, u.natural_key, u.body::jsonb, next_change_version(),"
                        + " clock_timestamp(), u.created_by"
                        + " FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])"
                        + " WITH ORDINALITY AS u(id, resource, natural_key, body, created_by, ord) ORDER BY u.ord"
                        + " ON CONFLICT (resource, natural_key) DO NOTHING")) {
            bindItems(c, ps, items);
            return ps.executeUpdate();
        }
    }

    /**
     * Insert, or replace the body of the item with the same natural key when it differs. {@code createdBy} is
     * recorded on insert only.
     */
    public UpsertResult upsert(Connection c, String resource, String naturalKey, String body, String createdBy)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO document AS d (id, resource, natural_key, body, change_version, last_modified,"
                        + " created_by) VALUES (?, ?, ?, ?::jsonb, next_change_version(), clock_timestamp(), ?)"
                        + " ON CONFLICT (resource, natural_key) DO UPDATE SET body = EXCLUDED.body,"
                        + " change_version = EXCLUDED.change_version, last_modified = EXCLUDED.last_modified"
                        + " WHERE d.body IS DISTINCT FROM EXCLUDED.body"
                        + " RETURNING d.id, d.change_version, (xmax = 0) AS inserted")) {
            ps.setObject(1, Ids.next());
            ps.setString(2, resource);
            ps.setString(3, naturalKey);
            ps.setString(4, body);
            ps.setString(5, createdBy);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new UpsertResult(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBoolean(3), true);
                }
            }
        }
        StoredDocument same = findByKey(c, resource, naturalKey, false);
        if (same == null) {
            throw new SQLException("The item disappeared during its upsert", "40001");
        }
        return new UpsertResult(same.id(), same.changeVersion(), false, false);
    }

    /** One item of a multi-row upsert; {@code createdBy} (may be null) is recorded on insert only. */
    public record UpsertItem(String resource, String naturalKey, String body, String createdBy) {}

    /**
     * Upserts several items in one statement (and so one commit when run without a transaction). The items must
     * have distinct (resource, natural key) pairs. Returns one result per item, in order; items found identical
     * to what is stored come back unchanged.
     */
    public List<UpsertResult> upsertMany(Connection c, List<UpsertItem> items) throws SQLException {
        java.util.Map<String, UpsertResult> byKey = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO document AS d (id, resource, natural_key, body, change_version, last_modified,"
                        + " created_by) SELECT u.id, u.resource, u.natural_key, u.body::jsonb,"
                        + " next_change_version(), clock_timestamp(), u.created_by"
                        + " FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])"
                        + " WITH ORDINALITY AS u(id, resource, natural_key, body, created_by, ord) ORDER BY u.ord"
                        + " ON CONFLICT (resource, natural_key) DO UPDATE SET body = EXCLUDED.body,"
                        + " change_version = EXCLUDED.change_version, last_modified = EXCLUDED.last_modified"
                        + " WHERE d.body IS DISTINCT FROM EXCLUDED.body"
                        + " RETURNING d.resource, d.natural_key, d.id, d.change_version, (xmax = 0) AS inserted")) {
            bindItems(c, ps, items);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byKey.put(
                            rs.getString(1) + '\u0000' + rs.getString(2),
                            new UpsertResult(rs.getObject(3, UUID.class), rs.getLong(4), rs.getBoolean(5), true));
                }
            }
        }
        List<UpsertResult> results = new ArrayList<>(items.size());
        for (UpsertItem item : items) {
            UpsertResult result = byKey.get(item.resource() + '\u0000' + item.naturalKey());
            if (result == null) {
                StoredDocument same = findByKey(c, item.resource(), item.naturalKey(), false);
                if (same == null) {
                    throw new SQLException("An item disappeared during its upsert", "40001");
                }
                result = new UpsertResult(same.id(), same.changeVersion(), false, false);
            }
            results.add(result);
        }
        return results;
    }

    /** Binds new ids and the items' resources, keys, bodies and creators as the arrays of an unnest(...) insert. */
    private static void bindItems(Connection c, PreparedStatement ps, List<UpsertItem> items) throws SQLException {
        int n = items.size();
        UUID[] ids = new UUID[n];
        String[] resources = new String[n];
        String[] keys = new String[n];
        String[] bodies = new String[n];
        String[] creators = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = Ids.next();
            resources[i] = items.get(i).resource();
            keys[i] = items.get(i).naturalKey();
            bodies[i] = items.get(i).body();
            creators[i] = items.get(i).createdBy();
        }
        ps.setArray(1, c.createArrayOf("uuid", ids));
        ps.setArray(2, c.createArrayOf("text", resources));
        ps.setArray(3, c.createArrayOf("text", keys));
        ps.setArray(4, c.createArrayOf("text", bodies));
        ps.setArray(5, c.createArrayOf("text", creators));
    }

    /** Replaces body and natural key of an item; returns the new change version. */
    public long update(Connection c, long sid, String naturalKey, String body) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE document SET natural_key = ?, body = ?::jsonb, change_version = next_change_version(),"
                        + " last_modified = clock_timestamp() WHERE sid = ? RETURNING change_version")) {
            ps.setString(1, naturalKey);
            ps.setString(2, body);
            ps.setLong(3, sid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Records a key change with the item's creator and the organizations that saw it ({@code audience}, V1_7; null
     * for resources that every client reads).
     */
    public void recordKeyChange(
            Connection c,
            long changeVersion,
            UUID id,
            String resource,
            String oldKeyValues,
            String newKeyValues,
            String createdBy,
            String[] audience)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO key_change (change_version, id, resource, old_key_values, new_key_values, changed_at,"
                        + " created_by, education_organization_ids)"
                        + " VALUES (?, ?, ?, ?::jsonb, ?::jsonb, clock_timestamp(), ?, ?::text[])")) {
            ps.setLong(1, changeVersion);
            ps.setObject(2, id);
            ps.setString(3, resource);
            ps.setString(4, oldKeyValues);
            ps.setString(5, newKeyValues);
            ps.setString(6, createdBy);
            ps.setArray(7, audience == null ? null : c.createArrayOf("text", audience));
            ps.executeUpdate();
        }
    }

    /**
     * The value of {@code audience} (a SQL {@code text[]} expression over a row aliased {@code d} with
     * {@code body}) for this body, as things are now; null when the expression is null.
     */
    public String[] audience(Connection c, String audience, String body) throws SQLException {
        if (audience == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + audience + " FROM (SELECT ?::jsonb AS body) d")) {
            ps.setString(1, body);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return (String[]) rs.getArray(1).getArray();
            }
        }
    }

    /**
     * Deletes an item and leaves its tombstone, with its last body, creator and the organizations that saw it
     * ({@code audience}, V1_7; null for resources that every client reads); returns the tombstone's change version.
     */
    public long delete(Connection c, StoredDocument document, String resource, String keyValues, String[] audience)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM document WHERE sid = ?")) {
            ps.setLong(1, document.sid());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO deleted_document (change_version, id, resource, key_values, deleted_at, body,"
                        + " created_by, education_organization_ids) VALUES (next_change_version(), ?, ?, ?::jsonb,"
                        + " clock_timestamp(), ?::jsonb, ?, ?::text[]) RETURNING change_version")) {
            ps.setObject(1, document.id());
            ps.setString(2, resource);
            ps.setString(3, keyValues);
            ps.setString(4, document.body());
            ps.setString(5, document.createdBy());
            ps.setArray(6, audience == null ? null : c.createArrayOf("text", audience));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A rendered item and its ETag. */
    public record Rendered(String json, String etag) {}

    /** The rendered item, or null; {@code access} (on alias {@code d}, may be null) must hold for it. */
    public Rendered render(Connection c, String resource, UUID id, Filter access) throws SQLException {
        Where where = new Where(" WHERE id = ? AND resource = ?", List.of(id, resource)).and(access);
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + RENDER + ", change_version FROM document d" + where.sql)) {
            where.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Rendered(rs.getString(1), Long.toString(rs.getLong(2))) : null;
            }
        }
    }

    /** True when an item of the resource has this id. */
    public boolean exists(Connection c, String resource, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM document WHERE id = ? AND resource = ?")) {
            ps.setObject(1, id);
            ps.setString(2, resource);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Whether {@code access} (a condition on alias {@code d}) holds for an item with this body and creator,
     * stored or not.
     */
    public boolean allows(Connection c, Filter access, String body, String createdBy) throws SQLException {
        return allows(c, access, body, createdBy, null);
    }

    /**
     * Whether {@code access} holds for an item with this body and creator that replaces {@code stored} (the body
     * as stored, null for a new item; the condition sees it as {@code d.stored}).
     */
    public boolean allows(Connection c, Filter access, String body, String createdBy, String stored)
            throws SQLException {
        Where where = new Where(" WHERE TRUE", List.of()).and(access);
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM (SELECT ?::jsonb AS body, ?::text AS created_by,"
                + " ?::jsonb AS stored) d" + where.sql)) {
            ps.setString(1, body);
            ps.setString(2, createdBy);
            ps.setString(3, stored);
            where.bind(ps, 4);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Offset paging, in insertion order. */
    public Page page(Connection c, QueryCriteria criteria, long offset, int limit) throws SQLException {
        Where where = where(criteria, null);
        // the page's rows are chosen first and only they are rendered (skipped rows cost an index step, not JSON)
        String sql = "SELECT " + RENDER + ", sid, id FROM document d WHERE d.sid IN (SELECT d.sid FROM document d"
                + where.sql + " ORDER BY d.sid LIMIT ? OFFSET ?) ORDER BY sid";
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
        Where where = where(criteria, afterSid);
        if (beforeSid != null) {
            List<Object> values = new ArrayList<>(where.values);
            values.add(beforeSid);
            where = new Where(where.sql + " AND sid < ?", values);
        }
        String sql = "SELECT " + RENDER + ", sid, id FROM document d" + where.sql + " ORDER BY sid LIMIT ?";
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
        Where where = where(criteria, null);
        String sql = "SELECT min(sid) FROM (SELECT d.sid, ntile(?) OVER (ORDER BY d.sid) AS part FROM document d"
                + where.sql + ") p GROUP BY part ORDER BY 1";
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
        Where where = where(criteria, null);
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM document d" + where.sql)) {
            where.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

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
        try (PreparedStatement ps =
                c.prepareStatement("SELECT resource FROM document WHERE change_version BETWEEN ? AND ?"
                        + " UNION SELECT resource FROM deleted_document WHERE change_version BETWEEN ? AND ?"
                        + " UNION SELECT resource FROM key_change WHERE change_version BETWEEN ? AND ?"
                        + " ORDER BY 1")) {
            for (int i = 0; i < 3; i++) {
                ps.setLong(2 * i + 1, min);
                ps.setLong(2 * i + 2, max);
            }
            List<String> resources = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    resources.add(rs.getString(1));
                }
            }
            return resources;
        }
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
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindWindow(ps, resource, min, max, items);
            i = bindWindow(ps, i, resource, min, max, deletes);
            bindWindow(ps, i, resource, min, max, keyChanges);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The newest change version handed out so far (0 when none). */
    public long newestChangeVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM change_version_seq");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Records what one education organization reported of an item (V1_6); a body equal to its last report changes
     * nothing (so {@code reported_at} says since when the organization has reported it).
     */
    public void report(
            Connection c,
            String resource,
            String naturalKey,
            long educationOrganizationId,
            String clientId,
            String body)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO reported_value AS r (resource, natural_key, education_organization_id, client_id, body,"
                        + " change_version, reported_at) VALUES (?, ?, ?, ?, ?::jsonb, next_change_version(),"
                        + " clock_timestamp()) ON CONFLICT (resource, natural_key, education_organization_id)"
                        + " DO UPDATE SET client_id = EXCLUDED.client_id, body = EXCLUDED.body,"
                        + " change_version = EXCLUDED.change_version, reported_at = EXCLUDED.reported_at"
                        + " WHERE r.body IS DISTINCT FROM EXCLUDED.body")) {
            ps.setString(1, resource);
            ps.setString(2, naturalKey);
            ps.setLong(3, educationOrganizationId);
            ps.setString(4, clientId);
            ps.setString(5, body);
            ps.executeUpdate();
        }
    }

    /** The reports of a deleted item lose their bodies (with a new change version, so followers learn of it). */
    public void withdrawReports(Connection c, String resource, String naturalKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE reported_value SET body = NULL, change_version = next_change_version(),"
                        + " reported_at = clock_timestamp() WHERE resource = ? AND natural_key = ? AND body IS NOT NULL")) {
            ps.setString(1, resource);
            ps.setString(2, naturalKey);
            ps.executeUpdate();
        }
    }

    /**
     * Reports in a window of change versions, oldest first, as {@code {naturalKey, educationOrganizationId,
     * clientId, reportedAt, changeVersion, values}} JSON ({@code values} null once the item was deleted); only
     * those of {@code organizations} when it is not null.
     */
    public List<String> reports(
            Connection c, String resource, Long min, Long max, long offset, int limit, Long[] organizations)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT json_build_object('naturalKey', r.natural_key::jsonb, 'educationOrganizationId',"
                        + " r.education_organization_id, 'clientId', r.client_id, 'reportedAt', r.reported_at,"
                        + " 'changeVersion', r.change_version, 'values', r.body)::text FROM reported_value r"
                        + " WHERE r.resource = ? AND r.change_version >= ? AND r.change_version <= ?"
                        + " AND (?::bigint[] IS NULL OR r.education_organization_id = ANY(?::bigint[]))"
                        + " ORDER BY r.change_version LIMIT ? OFFSET ?")) {
            ps.setString(1, resource);
            ps.setLong(2, min == null ? 0 : min);
            ps.setLong(3, max == null ? Long.MAX_VALUE : max);
            java.sql.Array orgs = organizations == null ? null : c.createArrayOf("bigint", organizations);
            ps.setArray(4, orgs);
            ps.setArray(5, orgs);
            ps.setInt(6, limit);
            ps.setLong(7, offset);
            List<String> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(rs.getString(1));
                }
            }
            return items;
        }
    }

    /**
     * A checkpoint of the change versions (V1_5): waits until no transaction holds a change version (at most the
     * connection's lock_timeout), raises the sequence to {@code atLeast} when it is below, and returns a version
     * up to which every change is committed and after which every change gets a higher version. Call it in a
     * transaction of its own: the lock it takes lasts until that transaction ends.
     */
    public long checkpoint(Connection c, long atLeast) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT change_version_checkpoint(?)")) {
            ps.setLong(1, atLeast);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> changeList(
            Connection c, String sql, String resource, Long min, Long max, Filter access, long offset, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindWindow(ps, resource, min, max, access);
            ps.setInt(i++, limit);
            ps.setLong(i, offset);
            List<String> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(rs.getString(1));
                }
            }
            return items;
        }
    }

    private long countChanges(Connection c, String sql, String resource, Long min, Long max, Filter access)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindWindow(ps, resource, min, max, access);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Binds resource, window and the access filter's values; returns the next parameter index. */
    private static int bindWindow(PreparedStatement ps, String resource, Long min, Long max, Filter access)
            throws SQLException {
        return bindWindow(ps, 1, resource, min, max, access);
    }

    private static int bindWindow(PreparedStatement ps, int first, String resource, Long min, Long max, Filter access)
            throws SQLException {
        ps.setString(first, resource);
        ps.setLong(first + 1, min == null ? Long.MIN_VALUE : min);
        ps.setLong(first + 2, max == null ? Long.MAX_VALUE : max);
        return access == null ? first + 3 : new Where("", access.values()).bind(ps, first + 3);
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

    private static StoredDocument one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            return new StoredDocument(
                    rs.getLong(1),
                    rs.getObject(2, UUID.class),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getTimestamp(6).toInstant(),
                    rs.getString(7));
        }
    }

    private record Where(String sql, List<Object> values) {
        /** This condition and {@code filter}'s (when not null). */
        Where and(Filter filter) {
            if (filter == null) {
                return this;
            }
            List<Object> all = new ArrayList<>(values);
            all.addAll(filter.values());
            return new Where(sql + " AND " + filter.sql(), all);
        }

        int bind(PreparedStatement ps) throws SQLException {
            return bind(ps, 1);
        }

        int bind(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            for (Object value : values) {
                if (value instanceof String[] texts) {
                    ps.setArray(i++, ps.getConnection().createArrayOf("text", texts));
                } else if (value instanceof String s) {
                    ps.setString(i++, s);
                } else if (value instanceof Long l) {
                    ps.setLong(i++, l);
                } else if (value instanceof UUID u) {
                    ps.setObject(i++, u);
                } else {
                    ps.setNull(i++, Types.OTHER);
                }
            }
            return i;
        }
    }

    private static Where where(QueryCriteria criteria, Long afterSid) {
        StringBuilder sql = new StringBuilder(" WHERE resource = ?");
        List<Object> values = new ArrayList<>();
        values.add(criteria.resource());
        if (criteria.containment() != null) {
            sql.append(" AND body @> ?::jsonb");
            values.add(criteria.containment());
        }
        if (criteria.id() != null) {
            sql.append(" AND id = ?");
            values.add(criteria.id());
        }
        if (criteria.minChangeVersion() != null) {
            sql.append(" AND change_version >= ?");
            values.add(criteria.minChangeVersion());
        }
        if (criteria.maxChangeVersion() != null) {
            sql.append(" AND change_version <= ?");
            values.add(criteria.maxChangeVersion());
        }
        if (afterSid != null) {
            sql.append(" AND sid > ?");
            values.add(afterSid);
        }
        return new Where(sql.toString(), values).and(criteria.access());
    }
}
