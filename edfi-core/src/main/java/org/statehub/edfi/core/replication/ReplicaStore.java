package org.statehub.edfi.core.replication;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.statehub.jdbc.Sql;

/** SQL over the replica tables of the current schema (see {@code db/edfi-core/V1_2__replication.sql}). */
public final class ReplicaStore {

    /** Stores the item's state unless the same or a newer one is stored already (an overlap re-read writes nothing). */
    public void upsert(Connection c, String resource, UUID id, String naturalKey, String body, long changeVersion)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO replica_item AS r (resource, id, natural_key, body, change_version)"
                        + " VALUES (?, ?, ?, ?::jsonb, ?) ON CONFLICT (resource, id) DO UPDATE SET"
                        + " natural_key = EXCLUDED.natural_key, body = EXCLUDED.body,"
                        + " change_version = EXCLUDED.change_version"
                        + " WHERE r.change_version < EXCLUDED.change_version",
                resource,
                id,
                naturalKey,
                body,
                changeVersion);
    }

    public void delete(Connection c, String resource, UUID id) throws SQLException {
        Sql.update(c, "DELETE FROM replica_item WHERE resource = ? AND id = ?", resource, id);
    }

    public boolean exists(Connection c, String resource, String naturalKey) throws SQLException {
        return Sql.exists(
                c, "SELECT 1 FROM replica_item WHERE resource = ? AND natural_key = ? LIMIT 1", resource, naturalKey);
    }

    public boolean anyContaining(Connection c, String resource, String containment) throws SQLException {
        return Sql.exists(
                c, "SELECT 1 FROM replica_item WHERE resource = ? AND body @> ?::jsonb LIMIT 1", resource, containment);
    }

    public long watermark(Connection c, String source) throws SQLException {
        return Sql.first(
                        c,
                        "SELECT change_version FROM replication_watermark WHERE source = ?",
                        rs -> rs.getLong(1),
                        source)
                .orElse(0L);
    }

    public void setWatermark(Connection c, String source, long changeVersion) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO replication_watermark (source, change_version, updated_at) VALUES (?, ?, clock_timestamp())"
                        + " ON CONFLICT (source) DO UPDATE SET change_version = EXCLUDED.change_version,"
                        + " updated_at = EXCLUDED.updated_at",
                source,
                changeVersion);
    }
}
