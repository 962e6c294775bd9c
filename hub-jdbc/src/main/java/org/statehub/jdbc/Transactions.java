package org.statehub.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs work in one database transaction on one connection, retrying the whole unit when PostgreSQL reports a
 * serialization failure or deadlock (both are safe to repeat: nothing was committed) ({@link #inTransaction});
 * once, for work whose repetition would repeat something outside the database ({@link #once}); or always rolled
 * back, for a dry run ({@link #rolledBack}).
 */
public final class Transactions {

    private static final int ATTEMPTS = 4;

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Work that has no result. */
    @FunctionalInterface
    public interface Action {
        void run(Connection connection) throws SQLException;
    }

    private Transactions() {}

    /**
     * {@code action} as work whose result is null, for the methods here: {@code inTransaction(dataSource,
     * doing(c -> store.mark(c, id)))} instead of a block that ends in {@code return null}.
     */
    public static Work<Void> doing(Action action) {
        return connection -> {
            action.run(connection);
            return null;
        };
    }

    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        return attempts(dataSource, ATTEMPTS, work);
    }

    /**
     * Runs work in one database transaction on one connection, once: a serialization failure or deadlock rolls
     * it back and is thrown like any failure. For work that must not be repeated by the helper. A transaction should
     * not stay open while another service is called: feed-service's delivery holds its rows by a lease instead
     * (decision 0016).
     */
    public static <T> T once(DataSource dataSource, Work<T> work) throws SQLException {
        return attempts(dataSource, 1, work);
    }

    /**
     * Runs work in one transaction that is always rolled back, whether it ends or fails: a dry run, which works out
     * what the writes would do and keeps none of them.
     */
    public static <T> T rolledBack(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static <T> T attempts(DataSource dataSource, int attempts, Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    if (attempt < attempts && e instanceof SQLException sql && retryable(sql)) {
                        continue;
                    }
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            }
        }
    }

    /** Work that only reads: one connection, no explicit transaction. */
    public static <T> T read(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        }
    }

    /**
     * Runs one record's work inside the caller's transaction, under a savepoint. When it fails because of the
     * record (a data or constraint error, an unreadable value: anything but a serialization failure, a deadlock, a
     * lost connection or an exhausted server, which fail the whole transaction so that it is repeated), its writes
     * are undone and the failure is returned, for the caller to skip and report the record and go on.
     */
    public static Optional<Exception> perRecord(Connection connection, Work<?> work) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            work.run(connection);
            connection.releaseSavepoint(savepoint);
            return Optional.empty();
        } catch (SQLException e) {
            if (!SqlStates.causedByData(e) || connection.isClosed()) {
                throw e;
            }
            connection.rollback(savepoint);
            return Optional.of(e);
        } catch (RuntimeException e) {
            connection.rollback(savepoint);
            return Optional.of(e);
        }
    }

    static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }
}
