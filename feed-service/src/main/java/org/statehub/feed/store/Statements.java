package org.statehub.feed.store;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import lombok.RequiredArgsConstructor;
import org.statehub.jdbc.Sql;
import org.statehub.jdbc.Transactions;

/**
 * Statements a store runs each by itself, outside any caller's transaction: each through {@link Sql} on a
 * connection of its own, in auto-commit ({@link Transactions#read}). For the stores the admin API reads and the
 * one-statement changes it makes. One bean on the service's data source, given to each such store.
 */
@Singleton
@RequiredArgsConstructor
final class Statements {

    private final DataSource dataSource;

    <T> List<T> list(String sql, Sql.Row<T> row, Object... parameters) throws SQLException {
        return Transactions.read(dataSource, c -> Sql.list(c, sql, row, parameters));
    }

    /** INSERT, UPDATE or DELETE; the number of rows it touched. */
    int update(String sql, Object... parameters) throws SQLException {
        return Transactions.read(dataSource, c -> Sql.update(c, sql, parameters));
    }

    <T> Optional<T> first(String sql, Sql.Row<T> row, Object... parameters) throws SQLException {
        return Transactions.read(dataSource, c -> Sql.first(c, sql, row, parameters));
    }
}
