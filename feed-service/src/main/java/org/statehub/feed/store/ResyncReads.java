package org.statehub.feed.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.statehub.feed.domain.ResyncJob;

/** What the admin API reads of resync jobs. */
public interface ResyncReads {

    /** The newest 100 jobs first, of one connection or all. */
    List<ResyncJob> jobs(String connectionId) throws SQLException;

    Optional<ResyncJob> job(long id) throws SQLException;
}
