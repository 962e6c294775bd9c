package org.statehub.gateway.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.statehub.jdbc.Transactions;
import org.statehub.jdbc.UncheckedTransactions;

/**
 * The gateway's database for its stores: one connection per call, a failure as hub-jdbc's unchecked
 * {@link org.statehub.jdbc.StoreException} carrying the SQLException.
 */
@Singleton
public class GatewayDatabase {

    @Inject
    AgroalDataSource dataSource;

    /** Runs the work on a connection of its own. */
    <T> T call(Transactions.Work<T> work) {
        return UncheckedTransactions.read(dataSource, work);
    }

    /** Runs the work in one transaction (repeated on a serialization failure or deadlock). */
    <T> T inTransaction(Transactions.Work<T> work) {
        return UncheckedTransactions.inTransaction(dataSource, work);
    }

    /** Whether the database answers on a connection within the time-out (the gateway's health). */
    public boolean reachable(Duration timeout) {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid((int) timeout.toSeconds());
        } catch (SQLException e) {
            return false;
        }
    }
}
