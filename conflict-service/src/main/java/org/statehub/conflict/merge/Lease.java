package org.statehub.conflict.merge;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import lombok.RequiredArgsConstructor;
import org.statehub.conflict.persistence.MergeRecords;
import org.statehub.jdbc.Transactions;

/**
 * One run's hold on a merge (a lease in the database, {@code conflict.merge.lease}): its writes are made in one
 * transaction each while the hold lasts, and each extends it.
 */
@RequiredArgsConstructor
final class Lease {

    /** Another run has taken the merge over (this one was too slow): stop without touching it. */
    static final class Lost extends RuntimeException {
        Lost() {
            super(null, null, false, false);
        }
    }

    /** Writes made under the lease. */
    @FunctionalInterface
    interface Writes {
        void run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final MergeRecords records;
    private final long mergeId;
    private final String owner;
    private final Duration length;

    String owner() {
        return owner;
    }

    /** The writes in one transaction while this run still holds the merge (the hold is extended). */
    void write(Writes writes) throws SQLException {
        Transactions.inTransaction(dataSource, Transactions.doing(c -> {
            if (!records.renew(c, mergeId, owner, length)) {
                throw new Lost();
            }
            writes.run(c);
        }));
    }
}
