package org.statehub.gateway.persistence;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/** The {@code api_client} table. */
@Singleton
public class ClientRepository {

    /** The columns of an {@link ApiClient}, in its components' order. */
    static final String COLUMNS = "client_id, display_name, secret_hash, claim_set, "
            + "education_organization_ids, namespace_prefixes, created_at, secret_rotated_at, revoked_at, enabled";

    private static final String INSERT =
            "INSERT INTO api_client (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?)";
    private static final Sql.Row<ApiClient> READ = Rows.of(ApiClient.class);

    @Inject
    GatewayDatabase database;

    public void insert(ApiClient client) {
        database.call(c -> Sql.update(c, INSERT, columns(c, client)));
    }

    /** Stores a client of a chosen id; false when the id is taken (also by a concurrent request). */
    public boolean insertNew(ApiClient client) {
        return database.call(c -> Sql.update(c, INSERT + " ON CONFLICT (client_id) DO NOTHING", columns(c, client)))
                == 1;
    }

    /** Creates the client, or resets its secret, claim set and scope (the bootstrap admin). */
    public void upsert(ApiClient client) {
        database.call(c -> Sql.update(
                c,
                INSERT
                        + " ON CONFLICT (client_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash,"
                        + " claim_set = EXCLUDED.claim_set, secret_rotated_at = EXCLUDED.secret_rotated_at,"
                        + " revoked_at = NULL, enabled = TRUE",
                columns(c, client)));
    }

    public Optional<ApiClient> find(String clientId) {
        return database.call(
                c -> Sql.first(c, "SELECT " + COLUMNS + " FROM api_client WHERE client_id = ?", READ, clientId));
    }

    public List<ApiClient> list() {
        return database.call(
                c -> Sql.list(c, "SELECT " + COLUMNS + " FROM api_client ORDER BY created_at, client_id", READ));
    }

    public boolean updateSecret(String clientId, String secretHash) {
        return database.call(c -> Sql.update(
                        c,
                        "UPDATE api_client SET secret_hash = ?, secret_rotated_at = clock_timestamp()"
                                + " WHERE client_id = ? AND revoked_at IS NULL",
                        secretHash,
                        clientId))
                == 1;
    }

    /** Replaces the education organizations of an active client; false when there is no such client. */
    public boolean updateOrganizations(String clientId, List<Long> educationOrganizationIds) {
        return database.call(c -> Sql.update(
                        c,
                        "UPDATE api_client SET education_organization_ids = ?"
                                + " WHERE client_id = ? AND revoked_at IS NULL",
                        c.createArrayOf("bigint", educationOrganizationIds.toArray()),
                        clientId))
                == 1;
    }

    public boolean revoke(String clientId) {
        return database.call(c -> Sql.update(
                        c,
                        "UPDATE api_client SET revoked_at = clock_timestamp()"
                                + " WHERE client_id = ? AND revoked_at IS NULL",
                        clientId))
                == 1;
    }

    static Object[] columns(Connection c, ApiClient client) throws SQLException {
        return new Object[] {
            client.clientId(),
            client.displayName(),
            client.secretHash(),
            client.claimSet(),
            c.createArrayOf("bigint", client.educationOrganizationIds().toArray()),
            c.createArrayOf("text", client.namespacePrefixes().toArray()),
            Timestamp.from(client.createdAt()),
            Timestamp.from(client.secretRotatedAt()),
            client.revokedAt() == null ? null : Timestamp.from(client.revokedAt()),
            client.enabled()
        };
    }
}
