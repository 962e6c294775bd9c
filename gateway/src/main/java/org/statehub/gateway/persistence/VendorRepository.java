package org.statehub.gateway.persistence;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.jdbc.Rows;
import org.statehub.jdbc.Sql;

/** The {@code vendor} table (V4), and what a vendor's change does to its applications' clients. */
@Singleton
@RequiredArgsConstructor
public class VendorRepository {

    private static final String SELECT =
            "SELECT id, company, namespace_prefixes, contact_name, contact_email_address FROM vendor";
    private static final Sql.Row<Vendor> READ = Rows.of(Vendor.class);

    private final GatewayDatabase database;

    public List<Vendor> list() {
        return database.call(c -> Sql.list(c, SELECT + " ORDER BY id", READ));
    }

    public Optional<Vendor> find(int id) {
        return database.call(c -> Sql.first(c, SELECT + " WHERE id = ?", READ, id));
    }

    /** Stores a new vendor and gives its id; empty when its company is taken (also by a concurrent request). */
    public Optional<Integer> insert(String company, List<String> prefixes, String contactName, String contactEmail) {
        return database.call(c ->
                Sql.first(c, """
                INSERT INTO vendor (company, namespace_prefixes, contact_name, contact_email_address)
                VALUES (?, ?, ?, ?) ON CONFLICT (company) DO NOTHING RETURNING id""", rs -> rs.getInt(1), company, Sql.array("text", prefixes), contactName, contactEmail));
    }

    /** Whether another vendor than {@code id} has this company. */
    public boolean companyTaken(String company, int id) {
        return database.call(c -> Sql.exists(c, "SELECT 1 FROM vendor WHERE company = ? AND id <> ?", company, id));
    }

    /**
     * Replaces a vendor and gives its namespace prefixes to its applications' active clients, in one transaction;
     * false when there is no such vendor.
     */
    public boolean update(Vendor vendor) {
        return database.inTransaction(c -> {
            int updated = Sql.update(
                    c,
                    """
                    UPDATE vendor SET company = ?, namespace_prefixes = ?, contact_name = ?, contact_email_address = ?
                    WHERE id = ?""",
                    vendor.company(),
                    Sql.array("text", vendor.namespacePrefixes()),
                    vendor.contactName(),
                    vendor.contactEmailAddress(),
                    vendor.id());
            Sql.update(
                    c,
                    "UPDATE api_client SET namespace_prefixes = ? WHERE vendor_id = ? AND revoked_at IS NULL",
                    Sql.array("text", vendor.namespacePrefixes()),
                    vendor.id());
            return updated == 1;
        });
    }

    /**
     * Deletes a vendor and revokes its applications' clients in one transaction: the ids of the clients revoked,
     * or empty when there is no such vendor. A revoked client keeps its row (its history), without a vendor.
     */
    public Optional<List<String>> delete(int id) {
        return database.inTransaction(c -> {
            List<String> revoked = Sql.list(c, """
                    UPDATE api_client SET revoked_at = clock_timestamp()
                    WHERE vendor_id = ? AND revoked_at IS NULL RETURNING client_id""", rs -> rs.getString(1), id);
            return Sql.update(c, "DELETE FROM vendor WHERE id = ?", id) == 1 ? Optional.of(revoked) : Optional.empty();
        });
    }
}
