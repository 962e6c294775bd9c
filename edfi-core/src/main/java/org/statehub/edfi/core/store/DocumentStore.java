package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.statehub.jdbc.Conditions;
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
        return first(c, " WHERE id = ? AND resource = ?", forUpdate, id, resource);
    }

    public StoredDocument findByKey(Connection c, String resource, String naturalKey, boolean forUpdate)
            throws SQLException {
        return first(c, " WHERE resource = ? AND natural_key = ?", forUpdate, resource, naturalKey);
    }

    /** The item {@code where} finds (locked for update when {@code forUpdate}); null when there is none. */
    private static StoredDocument first(Connection c, String where, boolean forUpdate, Object... values)
            throws SQLException {
        return Sql.first(c, STORED + where + (forUpdate ? " FOR UPDATE" : ""), DocumentStore::stored, values)
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
    public Set<String> existingKeys(Connection c, String resource, Collection<String> naturalKeys) throws SQLException {
        return new HashSet<>(Sql.list(
                c,
                "SELECT natural_key FROM document WHERE resource = ? AND natural_key = ANY(?)",
                rs -> rs.getString(1),
                resource,
                Sql.array(c, "text", naturalKeys.toArray())));
    }

    /** Inserts items whose natural key is new and leaves existing ones alone; returns how many were inserted. */
    public int insertMissing(Connection c, List<UpsertItem> items) throws SQLException {
        return Sql.update(
                c,
                "INSERT INTO document (id, resource, natural_key, body, change_version, last_modified, created_by)"
                        + " SELECT u.id, u.resource, u.natural_key, u.body::jsonb, next_change_version(),"
                        + " clock_timestamp(), u.created_by"
                        + " FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])"
                        + " WITH ORDINALITY AS u(id, resource, natural_key, body, created_by, ord) ORDER BY u.ord"
                        + " ON CONFLICT (resource, natural_key) DO NOTHING",
                itemArrays(c, items));
    }

    /**
     * Insert, or replace the body of the item with the same natural key when it differs. {@code createdBy} is
     * recorded on insert only.
     */
    public UpsertResult upsert(Connection c, String resource, String naturalKey, String body, String createdBy)
            throws SQLException {
        Optional<UpsertResult> written = Sql.first(
                c,
                "INSERT INTO document AS d (id, resource, natural_key, body, change_version, last_modified,"
                        + " created_by) VALUES (?, ?, ?, ?::jsonb, next_change_version(), clock_timestamp(), ?)"
                        + " ON CONFLICT (resource, natural_key) DO UPDATE SET body = EXCLUDED.body,"
                        + " change_version = EXCLUDED.change_version, last_modified = EXCLUDED.last_modified"
                        + " WHERE d.body IS DISTINCT FROM EXCLUDED.body"
                        + " RETURNING d.id, d.change_version, (xmax = 0) AS inserted",
                rs -> new UpsertResult(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBoolean(3), true),
                Ids.next(),
                resource,
                naturalKey,
                body,
                createdBy);
        return written.isPresent() ? written.get() : unchanged(c, resource, naturalKey);
    }

    /** The result for an item an upsert left alone because its body was identical. */
    private UpsertResult unchanged(Connection c, String resource, String naturalKey) throws SQLException {
        StoredDocument same = findByKey(c, resource, naturalKey, false);
        if (same == null) {
            throw new SQLException("An item disappeared during its upsert", "40001");
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
        String sql = "INSERT INTO document AS d (id, resource, natural_key, body, change_version, last_modified,"
                + " created_by) SELECT u.id, u.resource, u.natural_key, u.body::jsonb,"
                + " next_change_version(), clock_timestamp(), u.created_by"
                + " FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " WITH ORDINALITY AS u(id, resource, natural_key, body, created_by, ord) ORDER BY u.ord"
                + " ON CONFLICT (resource, natural_key) DO UPDATE SET body = EXCLUDED.body,"
                + " change_version = EXCLUDED.change_version, last_modified = EXCLUDED.last_modified"
                + " WHERE d.body IS DISTINCT FROM EXCLUDED.body"
                + " RETURNING d.resource, d.natural_key, d.id, d.change_version, (xmax = 0) AS inserted";
        List<Map.Entry<String, UpsertResult>> written = Sql.list(
                c,
                sql,
                rs -> Map.entry(
                        rs.getString(1) + '\u0000' + rs.getString(2),
                        new UpsertResult(rs.getObject(3, UUID.class), rs.getLong(4), rs.getBoolean(5), true)),
                itemArrays(c, items));
        Map<String, UpsertResult> byKey = new HashMap<>();
        written.forEach(entry -> byKey.put(entry.getKey(), entry.getValue()));
        List<UpsertResult> results = new ArrayList<>(items.size());
        for (UpsertItem item : items) {
            UpsertResult result = byKey.get(item.resource() + '\u0000' + item.naturalKey());
            results.add(result != null ? result : unchanged(c, item.resource(), item.naturalKey()));
        }
        return results;
    }

    /** New ids and the items' resources, keys, bodies and creators: the arrays of an unnest(...) insert. */
    private static Object[] itemArrays(Connection c, List<UpsertItem> items) throws SQLException {
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
        return new Object[] {
            Sql.array(c, "uuid", ids),
            Sql.array(c, "text", resources),
            Sql.array(c, "text", keys),
            Sql.array(c, "text", bodies),
            Sql.array(c, "text", creators)
        };
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
        Sql.update(
                c,
                "INSERT INTO key_change (change_version, id, resource, old_key_values, new_key_values, changed_at,"
                        + " created_by, education_organization_ids)"
                        + " VALUES (?, ?, ?, ?::jsonb, ?::jsonb, clock_timestamp(), ?, ?::text[])",
                changeVersion,
                id,
                resource,
                oldKeyValues,
                newKeyValues,
                createdBy,
                Sql.array(c, "text", audience));
    }

    /**
     * The value of {@code audience} (a SQL {@code text[]} expression over a row aliased {@code d} with
     * {@code body}) for this body, as things are now; null when the expression is null.
     */
    public String[] audience(Connection c, String audience, String body) throws SQLException {
        if (audience == null) {
            return null;
        }
        return Sql.first(
                        c,
                        "SELECT " + audience + " FROM (SELECT ?::jsonb AS body) d",
                        rs -> (String[]) rs.getArray(1).getArray(),
                        body)
                .orElseThrow();
    }

    /**
     * Deletes an item and leaves its tombstone, with its last body, creator and the organizations that saw it
     * ({@code audience}, V1_7; null for resources that every client reads); returns the tombstone's change version.
     */
    public long delete(Connection c, StoredDocument document, String resource, String keyValues, String[] audience)
            throws SQLException {
        Sql.update(c, "DELETE FROM document WHERE sid = ?", document.sid());
        return Sql.first(
                        c,
                        "INSERT INTO deleted_document (change_version, id, resource, key_values, deleted_at, body,"
                                + " created_by, education_organization_ids) VALUES (next_change_version(), ?, ?,"
                                + " ?::jsonb, clock_timestamp(), ?::jsonb, ?, ?::text[]) RETURNING change_version",
                        rs -> rs.getLong(1),
                        document.id(),
                        resource,
                        keyValues,
                        document.body(),
                        document.createdBy(),
                        Sql.array(c, "text", audience))
                .orElseThrow();
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
        Conditions where = Where.and(Conditions.all(), access);
        List<Object> values = new ArrayList<>(Arrays.asList(body, createdBy, stored));
        values.addAll(Arrays.asList(where.values()));
        return Sql.exists(
                c,
                "SELECT 1 FROM (SELECT ?::jsonb AS body, ?::text AS created_by, ?::jsonb AS stored) d" + where.sql(),
                Where.parameters(c, values));
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
