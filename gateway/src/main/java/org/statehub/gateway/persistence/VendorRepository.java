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

    /** What a list of vendors may be ordered by, and the SQL of each (text in code-point order, as Java's). */
    public static final java.util.Map<String, String> ORDERS = java.util.Map.of(
            "id", "id",
            "company", "lower(company) COLLATE \"C\"",
            "namespacePrefixes", "lower(array_to_string(namespace_prefixes, ',')) COLLATE \"C\"",
            "contactName", "lower(contact_name) COLLATE \"C\"",
            "contactEmailAddress", "lower(contact_email_address) COLLATE \"C\"");

    /**
     * The Admin API's filters of vendors, each when given: the id, the company, contact name and email in any case,
     * and any of the namespace prefixes.
     */
    public record Filter(
            Integer id, String company, List<String> namespacePrefixes, String contactName, String contactEmail) {}

    /** A page of the vendors the filter lets through. */
    public List<Vendor> page(Filter filter, ListPage page) {
        org.statehub.jdbc.Conditions where = org.statehub.jdbc.Conditions.all()
                .andIfGiven("id = ?", filter.id())
                .andIfGiven("lower(company) = lower(?)", filter.company())
                .andIfGiven("lower(contact_name) = lower(?)", filter.contactName())
                .andIfGiven("lower(contact_email_address) = lower(?)", filter.contactEmail())
                .andIf(
                        !filter.namespacePrefixes().isEmpty(),
                        "namespace_prefixes && ?",
                        Sql.array("text", filter.namespacePrefixes()));
        return database.call(c -> where.page(c, SELECT, page.sql(ORDERS, "id"), READ, page.limit(), page.offset()));
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
