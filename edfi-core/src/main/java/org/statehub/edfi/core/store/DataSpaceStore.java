package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.statehub.jdbc.Sql;

/**
 * A school year's schema as a whole (docs/decisions/0020, part 5): how many items of the service's own resources
 * it holds, and dropping it with its data. Run on a connection of the service's own schema; the year's schema is
 * named, quoted, in the statement.
 */
public final class DataSpaceStore {

    /** The items of the service's resources the schema holds (replicas of other services' items not counted). */
    public long items(Connection c, String schema) throws SQLException {
        String table = quoted(schema) + ".document";
        if (!Sql.first(c, "SELECT to_regclass(?) IS NOT NULL", rs -> rs.getBoolean(1), table)
                .orElse(false)) {
            return 0;
        }
        return Sql.first(c, "SELECT count(*) FROM " + table, rs -> rs.getLong(1))
                .orElse(0L);
    }

    /**
     * Drops the schema with everything in it, and the record of a copy into its year (the service's own
     * {@code year_copy}); waits at most 30 s for the transactions that still work in it.
     */
    public void drop(Connection c, String schema, String year) throws SQLException {
        Sql.update(c, "SET LOCAL lock_timeout = '30s'");
        Sql.update(c, "DROP SCHEMA IF EXISTS " + quoted(schema) + " CASCADE");
        Sql.update(c, "DELETE FROM year_copy WHERE school_year = ?", year);
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
