package org.statehub.feed.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Where a pull's "stage" step stores what it prepared (SQL only; {@link RunStore} is the database's). */
public interface Staging {

    /** Stores prepared records; a record already staged in the run is left as it is. */
    void stage(Connection c, long runId, List<RunStore.Staged> records) throws SQLException;

    /** Records data errors in the queue (an open error of the same record and kind is seen again). */
    void errors(Connection c, Long runId, String connectionId, long leaId, List<RunStore.DataError> errors)
            throws SQLException;

    /** The run's sign of life, with its counts so far. */
    void heartbeat(Connection c, long runId, long read, long held) throws SQLException;
}
