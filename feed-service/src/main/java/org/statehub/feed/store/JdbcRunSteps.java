package org.statehub.feed.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.domain.HoldRule;

/** {@link Diffing} and {@link Queueing} by the run store (feed_run, staged_record, data_error) and the {@link Differ}. */
@Singleton
@RequiredArgsConstructor
public class JdbcRunSteps implements Diffing, Queueing {

    private final RunStore runs;
    private final Differ differ;
    private final StagedYears years;

    @Override
    public int placeByEnrollments(Connection c, String connectionId, long runId, java.util.Set<String> whole)
            throws SQLException {
        return years.place(c, connectionId, runId, whole);
    }

    @Override
    public int dropOverlappingEnrollments(Connection c, long runId) throws SQLException {
        return differ.dropOverlappingEnrollments(c, runId);
    }

    @Override
    public List<HoldRule.Deletes> deletesByResource(
            Connection c, String connectionId, long runId, List<Differ.Pulled> pulled) throws SQLException {
        return differ.deletesByResource(c, connectionId, runId, pulled);
    }

    @Override
    public void supersedeHeld(Connection c, String connectionId, long newerRunId) throws SQLException {
        runs.supersedeHeld(c, connectionId, newerRunId);
    }

    @Override
    public void hold(Connection c, long runId, String reason, long read, long held) throws SQLException {
        runs.hold(c, runId, reason, read, held);
    }

    @Override
    public int resolveErrors(Connection c, String connectionId, long runId, List<String> resources, boolean complete)
            throws SQLException {
        return runs.resolveErrors(c, connectionId, runId, resources, complete);
    }

    @Override
    public Differ.Result diff(
            Connection c, String connectionId, long runId, List<Differ.Pulled> pulled, boolean complete)
            throws SQLException {
        return differ.diff(c, connectionId, runId, pulled, complete);
    }

    @Override
    public Differ.Result deleteSources(
            Connection c, String connectionId, long runId, Differ.Pulled resource, List<String> sourceIds)
            throws SQLException {
        return differ.deleteSources(c, connectionId, runId, resource, sourceIds);
    }

    @Override
    public void dropStaged(Connection c, long runId) throws SQLException {
        runs.dropStaged(c, runId);
    }

    @Override
    public void countYears(Connection c, long runId, String years) throws SQLException {
        runs.countYears(c, runId, years);
    }

    @Override
    public void succeed(Connection c, long runId, long read, long held, long upserts, long deletes, long keyChanges)
            throws SQLException {
        runs.succeed(c, runId, read, held, upserts, deletes, keyChanges);
    }
}
