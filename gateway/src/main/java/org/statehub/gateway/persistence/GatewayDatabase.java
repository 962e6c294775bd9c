package org.statehub.gateway.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.statehub.jdbc.Transactions;

/** The gateway's database for its stores: one connection per call, a failure as a {@link GatewayStoreException}. */
@Singleton
public class GatewayDatabase {

    @Inject
    AgroalDataSource dataSource;

    /** Runs the work on a connection of its own. */
    <T> T call(Transactions.Work<T> work) {
        try {
            return Transactions.read(dataSource, work);
        } catch (SQLException e) {
            throw new GatewayStoreException(e);
        }
    }

    /** Runs the work in one transaction (repeated on a serialization failure or deadlock). */
    <T> T inTransaction(Transactions.Work<T> work) {
        try {
            return Transactions.inTransaction(dataSource, work);
        } catch (SQLException e) {
            throw new GatewayStoreException(e);
        }
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
