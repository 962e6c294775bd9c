package org.statehub.feed.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.statehub.feed.domain.Rejection;
import org.statehub.feed.domain.RunSummary;

/** What the admin API reads of runs and of the changes the hub refused. */
public interface RunReads {

    /** The newest runs first, of one connection or all. */
    List<RunSummary> runs(String connectionId, int limit) throws SQLException;

    Optional<RunSummary> run(long id) throws SQLException;

    /** The newest 500 refused changes, of one connection and/or run or all. */
    List<Rejection> rejections(String connectionId, Long runId) throws SQLException;
}
