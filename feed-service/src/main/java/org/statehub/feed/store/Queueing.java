package org.statehub.feed.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What a pull's "queue" step asks of the database (SQL only, on the caller's transaction): the data errors the run
 * settles, the outbox rows of the diff, the deletes a push names, and the run's end.
 */
public interface Queueing {

    /** Closes the open data errors the run settles; how many. */
    int resolveErrors(Connection c, String connectionId, long runId, List<String> resources, boolean complete)
            throws SQLException;

    /** Queues the staged records' differences from the identity map (a complete run also its deletes). */
    Differ.Result diff(Connection c, String connectionId, long runId, List<Differ.Pulled> pulled, boolean complete)
            throws SQLException;

    /** Queues deletes named by source id; how many (per school year too). */
    Differ.Result deleteSources(
            Connection c, String connectionId, long runId, Differ.Pulled resource, List<String> sourceIds)
            throws SQLException;

    /** Drops what the run staged. */
    void dropStaged(Connection c, long runId) throws SQLException;

    /** The run's counts per school year, as {@link Differ.Result#yearsJson()} gives them. */
    void countYears(Connection c, long runId, String years) throws SQLException;

    /** Marks the run succeeded with its counts. */
    void succeed(Connection c, long runId, long read, long held, long upserts, long deletes, long keyChanges)
            throws SQLException;
}
