package org.statehub.gateway.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code api_client} table. */
@Singleton
public class ClientRepository {

    private static final String COLUMNS = "client_id, display_name, secret_hash, claim_set, "
            + "education_organization_ids, namespace_prefixes, created_at, secret_rotated_at, revoked_at";

    @Inject
    AgroalDataSource dataSource;

    public void insert(ApiClient client) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO api_client (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(c, ps, client);
            ps.executeUpdate();
        }
    }

    /** Creates the client, or resets its secret, claim set and scope (the bootstrap admin). */
    public void upsert(ApiClient client) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO api_client (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (client_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash,"
                                + " claim_set = EXCLUDED.claim_set, secret_rotated_at = EXCLUDED.secret_rotated_at,"
                                + " revoked_at = NULL")) {
            bind(c, ps, client);
            ps.executeUpdate();
        }
    }

    public Optional<ApiClient> find(String clientId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM api_client WHERE client_id = ?")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<ApiClient> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM api_client ORDER BY created_at, client_id");
                ResultSet rs = ps.executeQuery()) {
            List<ApiClient> clients = new ArrayList<>();
            while (rs.next()) {
                clients.add(read(rs));
            }
            return clients;
        }
    }

    public boolean updateSecret(String clientId, String secretHash) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE api_client SET secret_hash = ?, secret_rotated_at = clock_timestamp()"
                                + " WHERE client_id = ? AND revoked_at IS NULL")) {
            ps.setString(1, secretHash);
            ps.setString(2, clientId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Replaces the education organizations of an active client; false when there is no such client. */
    public boolean updateOrganizations(String clientId, List<Long> educationOrganizationIds) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE api_client SET education_organization_ids = ? WHERE client_id = ? AND revoked_at IS NULL")) {
            ps.setArray(1, c.createArrayOf("bigint", educationOrganizationIds.toArray()));
            ps.setString(2, clientId);
            return ps.executeUpdate() == 1;
        }
    }

    public boolean revoke(String clientId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE api_client SET revoked_at = clock_timestamp() WHERE client_id = ? AND revoked_at IS NULL")) {
            ps.setString(1, clientId);
            return ps.executeUpdate() == 1;
        }
    }

    private static void bind(Connection c, PreparedStatement ps, ApiClient client) throws SQLException {
        ps.setString(1, client.clientId());
        ps.setString(2, client.displayName());
        ps.setString(3, client.secretHash());
        ps.setString(4, client.claimSet());
        ps.setArray(
                5, c.createArrayOf("bigint", client.educationOrganizationIds().toArray()));
        ps.setArray(6, c.createArrayOf("text", client.namespacePrefixes().toArray()));
        ps.setTimestamp(7, Timestamp.from(client.createdAt()));
        ps.setTimestamp(8, Timestamp.from(client.secretRotatedAt()));
        ps.setTimestamp(9, client.revokedAt() == null ? null : Timestamp.from(client.revokedAt()));
    }

    private static ApiClient read(ResultSet rs) throws SQLException {
        Array ids = rs.getArray(5);
        Array prefixes = rs.getArray(6);
        Timestamp revoked = rs.getTimestamp(9);
        return new ApiClient(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Arrays.stream((Long[]) ids.getArray()).toList(),
                Arrays.stream((String[]) prefixes.getArray()).toList(),
                rs.getTimestamp(7).toInstant(),
                rs.getTimestamp(8).toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    public static Instant now() {
        return Instant.now();
    }
}
