package org.statehub.feed.service;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.statehub.feed.domain.Rejection;
import org.statehub.feed.domain.RunSummary;
import org.statehub.feed.store.RunReads;

/** Runs as administrators see them, and their decisions on held runs. */
@Singleton
@RequiredArgsConstructor
public class RunService {

    private final RunReads runs;
    private final Pipeline pipeline;

    /** The newest {@code limit} (default 50, 1..500) runs, of one connection or all. */
    public Outcome<List<RunSummary>> runs(String connectionId, Integer limit) throws SQLException {
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 500) {
            return Outcome.invalid("limit", "Limit must be between 1 and 500.");
        }
        return Outcome.done(runs.runs(connectionId, n));
    }

    public Outcome<RunSummary> run(long id) throws SQLException {
        return Outcome.found(runs.run(id), "No run has the id " + id + ".");
    }

    /** Publishes ({@code approve}) or drops a held run; the run as it is then. */
    public Outcome<RunSummary> decide(long id, boolean approve, String by) throws SQLException {
        return switch (pipeline.decide(id, approve, by)) {
            case NOT_FOUND -> Outcome.notFound("No run has the id " + id + ".");
            case NOT_HELD ->
                Outcome.conflict("Run " + id + " is not held (only a held run can be approved or "
                        + "rejected; a newer run supersedes an older held one).");
            case APPROVED, REJECTED -> run(id);
        };
    }

    public List<Rejection> rejections(String connectionId, Long runId) throws SQLException {
        return runs.rejections(connectionId, runId);
    }
}
