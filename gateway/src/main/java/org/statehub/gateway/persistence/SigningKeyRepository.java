package org.statehub.gateway.persistence;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Supplier;
import org.statehub.jdbc.Sql;

/** The {@code signing_key} table: the gateway's RSA keys (Base64 of their encoded forms), newest first. */
@Singleton
public class SigningKeyRepository {

    /** A key as stored: its id, PKCS#8 private key and X.509 public key, each Base64. */
    public record StoredKey(String kid, String privateKey, String publicKey) {}

    @Inject
    GatewayDatabase database;

    /**
     * The newest key; when there is none, the one {@code create} makes, stored. Instances starting together wait
     * for each other (an advisory lock), so they all end up with the same key.
     */
    public StoredKey newestOr(Supplier<StoredKey> create) {
        return database.inTransaction(c -> {
            Sql.first(c, "SELECT pg_advisory_xact_lock(hashtext('signing_key'))", rs -> true);
            Optional<StoredKey> newest = Sql.first(
                    c,
                    "SELECT kid, private_key, public_key FROM signing_key ORDER BY created_at DESC LIMIT 1",
                    rs -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3)));
            if (newest.isPresent()) {
                return newest.get();
            }
            StoredKey created = create.get();
            Sql.update(
                    c,
                    "INSERT INTO signing_key (kid, private_key, public_key, created_at)"
                            + " VALUES (?, ?, ?, clock_timestamp())",
                    created.kid(),
                    created.privateKey(),
                    created.publicKey());
            return created;
        });
    }
}
