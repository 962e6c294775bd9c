package org.statehub.conflict.merge;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.conflict.persistence.MergePairs;
import org.statehub.conflict.persistence.MergePlans;
import org.statehub.conflict.persistence.MergeRecords;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.jdbc.Transactions;

/**
 * Carries out approved merges and requested splits, step by step, through the owning services' Ed-Fi APIs. Each
 * step's progress is committed before the next call, and each call is safe to repeat (a copy is made only where
 * its key is free, and a second attempt recognises its own copy; a DELETE answering 404 is done), so a run cut
 * short by a crash or a service that is down is resumed where it stopped: by the next request on the merge, or by
 * the schedule ({@code conflict.merge.resume-interval}). One run at a time holds a merge (a lease in the database,
 * renewed at every step). With school years kept apart, a merge is of one year (its id names it) and runs in that
 * year's data space; the schedule resumes each year's merges in turn.
 */
@Singleton
@RequiredArgsConstructor
public class MergeRunner {

    private static final Logger LOG = Logger.getLogger(MergeRunner.class);

    private final MergeConfig config;
    private final AgroalDataSource dataSource;
    private final MergeRecords records;
    private final MergePlans plans;
    private final MergePairs pairs;
    private final MergePlanner planner;
    private final MergeSteps mergeSteps;
    private final SplitSteps splitSteps;
    private final DataSpaces spaces;

    @Scheduled(
            every = "${conflict.merge.resume-interval:10s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resume() {
        if (!config.resumeEnabled()) {
            return;
        }
        try {
            spaces.forEach(space -> {
                for (long id : Transactions.read(dataSource, c -> records.resumable(c, 20))) {
                    run(id, config.lease(), true);
                }
            });
        } catch (SQLException e) {
            LOG.warnf(e, "Resuming merges failed; the next run repeats it");
        }
    }

    /**
     * Works on the merge until it is done, a step cannot go on, or {@code budget} has passed; does nothing if
     * another run holds it.
     */
    public void run(long id, Duration budget) {
        run(id, budget, false);
    }

    private void run(long id, Duration budget, boolean resuming) {
        String owner = UUID.randomUUID().toString();
        try {
            if (!Transactions.inTransaction(dataSource, c -> records.claim(c, id, owner, config.lease()))) {
                return;
            }
            if (resuming) {
                LOG.infof("Merge %d: resumed", id);
            }
        } catch (SQLException e) {
            LOG.warnf(e, "Merge %d: cannot be taken up now", id);
            return;
        }
        Lease lease = new Lease(dataSource, records, id, owner, config.lease());
        boolean lost = false;
        try {
            long deadline = System.nanoTime() + budget.toNanos();
            while (System.nanoTime() < deadline && advance(id, lease)) {
                // one unit of work at a time, each committed
            }
        } catch (Lease.Lost e) {
            lost = true;
            LOG.infof("Merge %d: taken over by another run", id);
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Merge %d: stopped; it is resumed later", id);
            try {
                lease.write(c -> records.lastError(
                        c,
                        id,
                        "Stopped by an unexpected error (" + e.getClass().getSimpleName()
                                + "); see conflict-service's log. Resumed later."));
            } catch (SQLException | RuntimeException ignored) {
                // the database itself may be the problem: the log has it
            }
        } finally {
            if (!lost) {
                try {
                    Transactions.inTransaction(dataSource, Transactions.doing(c -> records.release(c, id, owner)));
                } catch (SQLException e) {
                    LOG.warnf(e, "Merge %d: lease not released (it expires)", id);
                }
            }
        }
    }

    /** One unit of work; false when there is nothing more to do now. */
    private boolean advance(long id, Lease lease) throws SQLException {
        MergeRecords.Merge merge =
                Transactions.read(dataSource, c -> records.find(c, id, false)).orElseThrow();
        MergePlans.Step step = null;
        try {
            switch (merge.state()) {
                case "approved" -> {
                    planner.capture(merge, lease);
                    return true;
                }
                case "merging", "splitting" -> {
                    boolean merging = merge.state().equals("merging");
                    step = Transactions.read(dataSource, c -> plans.nextPending(c, id, merging ? "merge" : "split"))
                            .orElse(null);
                    if (step == null) {
                        if (merging) {
                            finishMerge(merge, lease);
                        } else {
                            finishSplit(merge, lease);
                        }
                        return false;
                    }
                    if (merging) {
                        mergeSteps.run(merge, step, item(step), lease);
                    } else {
                        splitSteps.run(merge, step, item(step), lease);
                    }
                    return true;
                }
                default -> {
                    return false;
                }
            }
        } catch (IOException | StepFailure e) {
            String message = e instanceof IOException
                    ? "A service could not be reached or failed: "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    : e.getMessage();
            MergePlans.Step failed = step;
            lease.write(c -> {
                if (failed != null) {
                    plans.stepError(c, failed.id(), message);
                }
                records.lastError(c, id, message);
            });
            LOG.infof("Merge %d: %s (resumed later)", id, message);
            return false;
        }
    }

    private MergePlans.Item item(MergePlans.Step step) throws SQLException {
        return Transactions.read(dataSource, c -> plans.item(c, step.item()));
    }

    private void finishMerge(MergeRecords.Merge merge, Lease lease) throws SQLException {
        lease.write(c -> {
            records.merged(
                    c,
                    merge.id(),
                    "'" + merge.retiredUniqueId() + "' retired into '" + merge.survivorUniqueId()
                            + "'; every step done.");
            if (merge.pairId() != null) {
                pairs.merged(
                        c,
                        merge.pairId(),
                        merge.decidedBy(),
                        "Merge " + merge.id() + ": '" + merge.retiredUniqueId() + "' retired into '"
                                + merge.survivorUniqueId() + "'.");
            }
        });
    }

    private void finishSplit(MergeRecords.Merge merge, Lease lease) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                lease.write(c -> {
                    records.split(
                            c,
                            merge.id(),
                            "'" + merge.retiredUniqueId()
                                    + "' recreated with its items; the merge's copies under '"
                                    + merge.survivorUniqueId()
                                    + "' deleted.");
                    if (merge.recreatedStudentId() != null && merge.survivorStudentId() != null) {
                        pairs.split(
                                c,
                                merge.pairId(),
                                merge.survivorStudentId(),
                                merge.survivorUniqueId(),
                                merge.recreatedStudentId(),
                                merge.splitBy(),
                                "Split of merge " + merge.id() + ": two people.");
                    }
                });
                return;
            } catch (SQLException e) {
                // the detection job raised the pair of the recreated student at the same moment: look again
                if (attempt >= 3 || !"23505".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }
}
