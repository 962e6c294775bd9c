package org.statehub.jdbc;

import java.sql.SQLException;

/** What a PostgreSQL SQLSTATE says about who is at fault: the data sent, or the database. */
public final class SqlStates {

    private SqlStates() {}

    /**
     * Whether a failure is the data's (a data exception, a constraint, a value too large...) rather than the
     * database's: its SQLSTATE is not of a connection (08), transaction rollback (40), insufficient resources (53),
     * object state (55), operator intervention (57), system (58) or internal (XX) error.
     */
    public static boolean causedByData(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.length() < 2) {
            return false;
        }
        return switch (state.substring(0, 2)) {
            case "08", "40", "53", "55", "57", "58", "XX" -> false;
            default -> true;
        };
    }
}
