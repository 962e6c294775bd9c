package org.statehub.feed.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.feed.domain.HoldRule;
import org.statehub.feed.store.Differ;
import org.statehub.feed.store.Diffing;

/**
 * A pull's "diff" step (docs/FEEDS.md, "A pull, step by step", 4. Diff, and "Safety holds"), in the run's
 * transaction before anything is queued: the state's overlap rule on enrollments, then, for a complete run,
 * older held runs superseded and the safety hold: a run that would delete more than the {@link HoldRule} allows
 * is held for an administrator and queues nothing.
 */
@RequiredArgsConstructor
final class DiffStep {

    private static final Logger LOG = Logger.getLogger(DiffStep.class);

    private final Diffing store;
    private final HoldRule hold;
    /** Whether records are staged per school year (then those following enrollments get their years here). */
    private final boolean years;

    /** Without school years. */
    DiffStep(Diffing store, HoldRule hold) {
        this(store, hold, false);
    }

    /** What the run would delete beyond the rule when it is held (then recorded as held), else empty. */
    Optional<String> held(
            Connection c,
            String connectionId,
            long runId,
            List<Differ.Pulled> pulled,
            boolean complete,
            Puller.Counts counts)
            throws SQLException {
        int overlapping = store.dropOverlappingEnrollments(c, runId);
        if (overlapping > 0) {
            LOG.infof("Run %d: %d overlapping enrollments are not reported (a later one is)", runId, overlapping);
        }
        counts.held += placeByEnrollments(c, connectionId, runId, pulled, complete);
        if (!complete) {
            return Optional.empty();
        }
        store.supersedeHeld(c, connectionId, runId);
        Optional<String> massDeletes = hold.overLimit(store.deletesByResource(c, connectionId, runId, pulled));
        if (massDeletes.isPresent()) {
            store.hold(c, runId, hold.reason(runId, massDeletes.get()), counts.read, counts.held);
            LOG.warnf("Run %d of %s held: %s", runId, connectionId, massDeletes.get());
        }
        return massDeletes;
    }

    /**
     * Before a resync compares the hub with its snapshot: the overlap rule and, with school years, the years of the
     * records that follow enrollments, given now rather than in the diff (which then finds nothing left to do), so
     * that each year's items are compared with that year's records. How many records were held (of no year).
     */
    int placeNow(Connection c, String connectionId, long runId, List<Differ.Pulled> pulled) throws SQLException {
        store.dropOverlappingEnrollments(c, runId);
        return placeByEnrollments(c, connectionId, runId, pulled, true);
    }

    /** For a dry run: the overlap rule, and what the run would delete beyond the rule; nothing is held. */
    Optional<String> wouldHold(Connection c, String connectionId, long runId, List<Differ.Pulled> pulled)
            throws SQLException {
        store.dropOverlappingEnrollments(c, runId);
        placeByEnrollments(c, connectionId, runId, pulled, true);
        return hold.overLimit(store.deletesByResource(c, connectionId, runId, pulled));
    }

    /**
     * With school years, the run's records whose years follow their student's enrollments get them (those of none
     * are held with a data error); the run has every record of the resources it pulled when it is complete. How
     * many were held.
     */
    private int placeByEnrollments(
            Connection c, String connectionId, long runId, List<Differ.Pulled> pulled, boolean complete)
            throws SQLException {
        if (!years) {
            return 0;
        }
        java.util.Set<String> whole = complete
                ? pulled.stream().map(Differ.Pulled::resource).collect(java.util.stream.Collectors.toSet())
                : java.util.Set.of();
        int held = store.placeByEnrollments(c, connectionId, runId, whole);
        if (held > 0) {
            LOG.infof("Run %d of %s: %d records belong to no school year and are held", runId, connectionId, held);
        }
        return held;
    }
}
