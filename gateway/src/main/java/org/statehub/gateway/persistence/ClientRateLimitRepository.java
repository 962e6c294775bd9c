package org.statehub.gateway.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code client_rate_limit} table: the clients whose rate limit is not the gateway's default. */
@Singleton
public class ClientRateLimitRepository {

    /** A client's own limit: requests per second and the burst above it. */
    public record Stored(int perSecond, int burst) {}

    @Inject
    AgroalDataSource dataSource;

    public Optional<Stored> find(String clientId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT per_second, burst FROM client_rate_limit WHERE client_id = ?")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getInt(1), rs.getInt(2))) : Optional.empty();
            }
        }
    }

    public void save(String clientId, Stored limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO client_rate_limit (client_id, per_second, burst) VALUES (?, ?, ?)"
                                + " ON CONFLICT (client_id) DO UPDATE SET per_second = EXCLUDED.per_second,"
                                + " burst = EXCLUDED.burst, updated_at = clock_timestamp()")) {
            ps.setString(1, clientId);
            ps.setInt(2, limit.perSecond());
            ps.setInt(3, limit.burst());
            ps.executeUpdate();
        }
    }

    /** Whether the client had a limit of its own. */
    public boolean delete(String clientId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM client_rate_limit WHERE client_id = ?")) {
            ps.setString(1, clientId);
            return ps.executeUpdate() == 1;
        }
    }
}
