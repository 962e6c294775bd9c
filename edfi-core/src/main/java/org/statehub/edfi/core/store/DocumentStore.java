package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.statehub.jdbc.Sql;

/**
 * SQL of the write side over the {@code document} table of the current schema (see {@code db/edfi-core}): items by
 * id or natural key, locks on references, upserts, updates, deletes with their tombstones, key changes, and
 * whether an access condition holds for a body. Every method works on the connection it is given, so the caller
 * decides the transaction. Reads of collections are {@link QueryStore}'s, change queries {@link ChangeStore}'s,
 * reports {@link ReportStore}'s.
 */
public final class DocumentStore {

    /** The columns of a {@link StoredDocument}, read by {@link #stored}. */
    private static final String STORED =
            "SELECT sid, id, natural_key, body::text, change_version, last_modified, created_by FROM document";

    /** What an upsert did. {@code changed} is false when the stored body was already identical. */
    public record UpsertResult(UUID id, long changeVersion, boolean inserted, boolean changed) {}

    public StoredDocument findById(Connection c, String resource, UUID id, boolean forUpdate) throws SQLException {
        return Sql.first(
                        c,
                        STORED + " WHERE id = ? AND resource = ?" + (forUpdate ? " FOR UPDATE" : ""),
                        DocumentStore::stored,
                        id,
                        resource)
                .orElse(null);
    }

    public StoredDocument findByKey(Connection c, String resource, String naturalKey, boolean forUpdate)
            throws SQLException {
        return Sql.first(
                        c,
                        STORED + " WHERE resource = ? AND natural_key = ?" + (forUpdate ? " FOR UPDATE" : ""),
                        DocumentStore::stored,
                        resource,
                        naturalKey)
                .orElse(null);
    }

    /**
     * True when an item with the key exists. The row is locked FOR KEY SHARE until the transaction ends, so a
     * concurrent delete of the referenced item waits and then sees the new reference (as a foreign key would).
     */
    public boolean lockKey(Connection c, String resource, String naturalKey) throws SQLException {
        return Sql.exists(
                c, "SELECT 1 FROM document WHERE resource = ? AND natural_key = ? FOR KEY SHARE", resource, naturalKey);
    }

    /** True when some item of {@code resource} contains {@code containment} (a reference to another item). */
    public boolean anyContaining(Connection c, String resource, String containment) throws SQLException {
        return Sql.exists(
                c, "SELECT 1 FROM document WHERE resource = ? AND body @> ?::jsonb LIMIT 1", resource, containment);
    }

    /** The items of {@code resource} that contain {@code containment}, locked for update. */
    public List<StoredDocument> lockContaining(Connection c, String resource, String containment) throws SQLException {
        return Sql.list(
                c,
                STORED + " WHERE resource = ? AND body @> ?::jsonb ORDER BY sid FOR UPDATE",
                DocumentStore::stored,
                resource,
                containment);
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
        return Sql.first(
                        c,
                        "UPDATE document SET natural_key = ?, body = ?::jsonb, change_version = next_change_version(),"
                                + " last_modified = clock_timestamp() WHERE sid = ? RETURNING change_version",
                        rs -> rs.getLong(1),
                        naturalKey,
                        body,
                        sid)
                .orElseThrow();
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
        Sql.update(c, "DELETE FROM document WHERE sid = ?", document.sid());
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

    /** True when an item of the resource has this id. */
    public boolean exists(Connection c, String resource, UUID id) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM document WHERE id = ? AND resource = ?", id, resource);
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
                + " ?::jsonb AS stored) d" + where.sql())) {
            ps.setString(1, body);
            ps.setString(2, createdBy);
            ps.setString(3, stored);
            where.bind(ps, 4);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static StoredDocument stored(ResultSet rs) throws SQLException {
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
