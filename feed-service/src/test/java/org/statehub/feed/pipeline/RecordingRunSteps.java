package org.statehub.feed.pipeline;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.statehub.feed.domain.HoldRule;
import org.statehub.feed.store.Differ;
import org.statehub.feed.store.Diffing;
import org.statehub.feed.store.Queueing;

/**
 * The diff and queue steps' store without a database: answers what the test sets (overlapping enrollments, deletes
 * per resource, what a diff queues, deletes by source id) and records each call in order, with its arguments.
 */
final class RecordingRunSteps implements Diffing, Queueing {

    final List<String> calls = new ArrayList<>();
    int overlapping;
    List<HoldRule.Deletes> deletes = List.of();
    Differ.Result diffed = new Differ.Result(0, 0, 0);
    int deletedSources;

    @Override
    public int dropOverlappingEnrollments(Connection c, long runId) {
        calls.add("dropOverlappingEnrollments " + runId);
        return overlapping;
    }

    @Override
    public List<HoldRule.Deletes> deletesByResource(
            Connection c, String connectionId, long runId, List<Differ.Pulled> pulled) {
        calls.add("deletesByResource " + connectionId + " " + runId);
        return deletes;
    }

    @Override
    public int placeByEnrollments(Connection c, String connectionId, long runId, java.util.Set<String> whole) {
        calls.add("placeByEnrollments " + connectionId + " " + runId + " " + new java.util.TreeSet<>(whole));
        return placedNowhere;
    }

    /** How many records {@link #placeByEnrollments} holds for belonging to no year. */
    int placedNowhere;

    @Override
    public void supersedeHeld(Connection c, String connectionId, long newerRunId) {
        calls.add("supersedeHeld " + connectionId + " " + newerRunId);
    }

    @Override
    public void hold(Connection c, long runId, String reason, long read, long held) {
        calls.add("hold " + runId + " read " + read + " held " + held + ": " + reason);
    }

    @Override
    public int resolveErrors(Connection c, String connectionId, long runId, List<String> resources, boolean complete) {
        calls.add("resolveErrors " + runId + " " + resources + (complete ? " complete" : " partial"));
        return 0;
    }

    @Override
    public Differ.Result diff(
            Connection c, String connectionId, long runId, List<Differ.Pulled> pulled, boolean complete) {
        calls.add("diff " + runId + (complete ? " complete" : " partial"));
        return diffed;
    }

    @Override
    public Differ.Result deleteSources(
            Connection c, String connectionId, long runId, Differ.Pulled resource, List<String> sourceIds) {
        calls.add("deleteSources " + resource.resource() + " " + sourceIds);
        return new Differ.Result(0, deletedSources, 0);
    }

    @Override
    public void dropStaged(Connection c, long runId) {
        calls.add("dropStaged " + runId);
    }

    @Override
    public void countYears(Connection c, long runId, String years) {
        calls.add("years " + runId + " " + years);
    }

    @Override
    public void succeed(Connection c, long runId, long read, long held, long upserts, long deletes, long keyChanges) {
        calls.add("succeed " + runId + " read " + read + " held " + held + " upserts " + upserts + " deletes " + deletes
                + " keyChanges " + keyChanges);
    }
}
