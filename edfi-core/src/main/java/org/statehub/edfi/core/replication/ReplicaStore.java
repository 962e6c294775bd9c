package org.statehub.edfi.core.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** SQL over the replica tables of the current schema (see {@code db/edfi-core/V1_2__replication.sql}). */
public final class ReplicaStore {

    /** Stores the item's state unless the same or a newer one is stored already (an overlap re-read writes nothing). */
    public void upsert(Connection c, String resource, UUID id, String naturalKey, String body, long changeVersion)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO replica_item AS r (resource, id, natural_key, body, change_version)"
                        + " VALUES (?, ?, ?, ?::jsonb, ?) ON CONFLICT (resource, id) DO UPDATE SET"
                        + " natural_key = EXCLUDED.natural_key, body = EXCLUDED.body,"
                        + " change_version = EXCLUDED.change_version"
                        + " WHERE r.change_version < EXCLUDED.change_version")) {
            ps.setString(1, resource);
            ps.setObject(2, id);
            ps.setString(3, naturalKey);
            ps.setString(4, body);
            ps.setLong(5, changeVersion);
            ps.executeUpdate();
        }
    }

    public void delete(Connection c, String resource, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM replica_item WHERE resource = ? AND id = ?")) {
            ps.setString(1, resource);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    public boolean exists(Connection c, String resource, String naturalKey) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM replica_item WHERE resource = ? AND natural_key = ? LIMIT 1")) {
            ps.setString(1, resource);
            ps.setString(2, naturalKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public boolean anyContaining(Connection c, String resource, String containment) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM replica_item WHERE resource = ? AND body @> ?::jsonb LIMIT 1")) {
            ps.setString(1, resource);
            ps.setString(2, containment);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public long watermark(Connection c, String source) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT change_version FROM replication_watermark WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    public void setWatermark(Connection c, String source, long changeVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO replication_watermark (source, change_version, updated_at) VALUES (?, ?, clock_timestamp())"
                        + " ON CONFLICT (source) DO UPDATE SET change_version = EXCLUDED.change_version,"
                        + " updated_at = EXCLUDED.updated_at")) {
            ps.setString(1, source);
            ps.setLong(2, changeVersion);
            ps.executeUpdate();
        }
    }
}
