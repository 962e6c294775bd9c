package org.statehub.jdbc;

import java.sql.SQLException;

/**
 * A database failure carried unchecked out of a store or service, so that the layers above (resources) know
 * nothing of {@code java.sql}. Its cause is always the {@link SQLException}; the HTTP edge answers it as that
 * failure (hub-http's {@code ProblemMappers} walks an exception's causes to the SQLException), so a 503 stays a 503.
 */
public final class StoreException extends RuntimeException {

    /** Work that runs SQL. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws SQLException;
    }

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** The failure as the database reported it. */
    public SQLException sqlException() {
        return (SQLException) getCause();
    }

    /** Runs {@code call}; an SQLException it throws comes out as a StoreException. */
    public static <T> T unchecked(Call<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
