package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.statehub.jdbc.Sql;

/** SQL over {@code access_audit}, the access log of student records. */
public final class AccessAuditStore {

    /** One access: who, under which correlation id, with which method, to which items, answered how. */
    public record Access(
            Instant at,
            String clientId,
            String correlationId,
            String method,
            String resource,
            List<UUID> ids,
            int status) {}

    /** Stores the accesses in one batch. */
    public void insert(Connection c, List<Access> accesses) throws SQLException {
        Sql.batch(
                c,
                "INSERT INTO access_audit (accessed_at, client_id, correlation_id, method, resource, item_ids,"
                        + " status) VALUES (?, ?, ?, ?, ?, ?, ?)",
                accesses,
                e -> new Object[] {
                    Timestamp.from(e.at()),
                    e.clientId(),
                    e.correlationId(),
                    e.method(),
                    e.resource(),
                    Sql.array(c, "uuid", e.ids().toArray()),
                    e.status()
                });
    }

    /**
     * The newest {@code limit} accesses, newest first; only those of {@code clientId}, {@code resource}, touching
     * {@code item} and from {@code since} on where these are not null.
     */
    public List<Access> newest(Connection c, String clientId, String resource, UUID item, Instant since, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT accessed_at, client_id, correlation_id, method, resource,"
                + " item_ids, status FROM access_audit WHERE true");
        List<Object> values = new ArrayList<>();
        if (clientId != null) {
            sql.append(" AND client_id = ?");
            values.add(clientId);
        }
        if (resource != null) {
            sql.append(" AND resource = ?");
            values.add(resource);
        }
        if (item != null) {
            sql.append(" AND item_ids @> ARRAY[?]::uuid[]");
            values.add(item);
        }
        if (since != null) {
            sql.append(" AND accessed_at >= ?");
            values.add(Timestamp.from(since));
        }
        sql.append(" ORDER BY entry DESC LIMIT ").append(limit);
        return Sql.list(
                c,
                sql.toString(),
                rs -> {
                    List<UUID> ids = new ArrayList<>();
                    for (Object id : (Object[]) rs.getArray(6).getArray()) {
                        ids.add((UUID) id);
                    }
                    return new Access(
                            rs.getTimestamp(1).toInstant(),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            List.copyOf(ids),
                            rs.getInt(7));
                },
                values.toArray());
    }
}
