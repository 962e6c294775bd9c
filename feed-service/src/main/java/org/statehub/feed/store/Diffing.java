package org.statehub.feed.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.statehub.feed.domain.HoldRule;

/**
 * What a pull's "diff" step asks of the database (SQL only, on the caller's transaction): the state's overlap
 * rule, what a complete run would delete per resource, and the safety hold.
 */
public interface Diffing {

    /** Of a student's overlapping enrollments in the run, drops all but the one that starts latest; how many. */
    int dropOverlappingEnrollments(Connection c, long runId) throws SQLException;

    /** Per resource: how many records the identity map knows, and how many of them the run no longer has. */
    List<HoldRule.Deletes> deletesByResource(Connection c, String connectionId, long runId, List<Differ.Pulled> pulled)
            throws SQLException;

    /**
     * Gives the run's records whose school years follow their student's enrollments their years, and holds those
     * of none with a data error ({@link StagedYears}); {@code whole}: the resources the run has every record of.
     * Returns how many were held.
     */
    int placeByEnrollments(Connection c, String connectionId, long runId, java.util.Set<String> whole)
            throws SQLException;

    /** Older held runs of the connection are superseded by a newer run. */
    void supersedeHeld(Connection c, String connectionId, long newerRunId) throws SQLException;

    /** Holds the run for an administrator's decision: what it staged is kept, nothing is queued. */
    void hold(Connection c, long runId, String reason, long read, long held) throws SQLException;
}
