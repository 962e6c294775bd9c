package org.statehub.gateway.persistence;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.statehub.jdbc.Sql;

/** The {@code client_rate_limit} table: the clients whose rate limit is not the gateway's default. */
@Singleton
public class ClientRateLimitRepository {

    /** A client's own limit: requests per second and the burst above it. */
    public record Stored(int perSecond, int burst) {}

    @Inject
    GatewayDatabase database;

    public Optional<Stored> find(String clientId) {
        return database.call(c -> Sql.first(
                c,
                "SELECT per_second, burst FROM client_rate_limit WHERE client_id = ?",
                rs -> new Stored(rs.getInt(1), rs.getInt(2)),
                clientId));
    }

    public void save(String clientId, Stored limit) {
        database.call(c -> Sql.update(
                c,
                "INSERT INTO client_rate_limit (client_id, per_second, burst) VALUES (?, ?, ?)"
                        + " ON CONFLICT (client_id) DO UPDATE SET per_second = EXCLUDED.per_second,"
                        + " burst = EXCLUDED.burst, updated_at = clock_timestamp()",
                clientId,
                limit.perSecond(),
                limit.burst()));
    }

    /** Whether the client had a limit of its own. */
    public boolean delete(String clientId) {
        return database.call(c -> Sql.update(c, "DELETE FROM client_rate_limit WHERE client_id = ?", clientId)) == 1;
    }
}
