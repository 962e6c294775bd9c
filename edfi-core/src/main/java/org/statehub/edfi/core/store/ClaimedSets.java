package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

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
        boolean inserted;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_claimed (claimed_key, organizations,"
                + " registered_at) VALUES (?, ?, now()) ON CONFLICT (claimed_key) DO UPDATE SET registered_at = now()"
                + " RETURNING xmax = 0")) {
            ps.setString(1, key);
            ps.setInt(2, ids.length);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                inserted = rs.getBoolean(1);
            }
        }
        if (inserted) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_claimed_organization (claimed_key,"
                    + " organization_id) SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING")) {
                ps.setString(1, key);
                ps.setArray(2, c.createArrayOf("text", ids));
                ps.executeUpdate();
            }
        }
    }

    /** Removes the sets no service has marked as in use for {@code days} days. */
    public static int removeUnused(Connection c, int days) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM auth_claimed WHERE registered_at < now() - make_interval(days => ?)")) {
            ps.setInt(1, days);
            return ps.executeUpdate();
        }
    }
}
