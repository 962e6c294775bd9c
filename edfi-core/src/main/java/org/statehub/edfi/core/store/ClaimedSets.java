package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.statehub.jdbc.Sql;

/**
 * Sets of education organizations stored once under a key ({@code V1_11}'s {@code auth_claimed} and
 * {@code auth_claimed_organization}), so that statements bind the key instead of the ids.
 */
public final class ClaimedSets {

    private ClaimedSets() {}

    /**
     * Stores the set {@code ids} under {@code key} unless it is stored already, and marks it as in use now. Run in
     * one transaction: a set is stored with all its organizations or not at all, and a concurrent registration of
     * the same key waits for this one and then finds it.
     */
    public static void register(Connection c, String key, String[] ids) throws SQLException {
        boolean inserted = Sql.first(
                        c,
                        "INSERT INTO auth_claimed (claimed_key, organizations, registered_at) VALUES (?, ?, now())"
                                + " ON CONFLICT (claimed_key) DO UPDATE SET registered_at = now() RETURNING xmax = 0",
                        rs -> rs.getBoolean(1),
                        key,
                        ids.length)
                .orElseThrow();
        if (inserted) {
            Sql.update(
                    c,
                    "INSERT INTO auth_claimed_organization (claimed_key, organization_id) SELECT ?, unnest(?::text[])"
                            + " ON CONFLICT DO NOTHING",
                    key,
                    Sql.array(c, "text", ids));
        }
    }

    /** Removes the sets no service has marked as in use for {@code days} days. */
    public static int removeUnused(Connection c, int days) throws SQLException {
        return Sql.update(c, "DELETE FROM auth_claimed WHERE registered_at < now() - make_interval(days => ?)", days);
    }
}
