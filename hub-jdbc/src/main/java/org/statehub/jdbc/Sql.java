package org.statehub.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One statement with its parameters bound in order ({@code setObject}; a {@code null} is sent untyped, so give
 * the placeholder a cast such as {@code ?::jsonb} where the column needs one), for stores whose statements are
 * plain: no statement, result set or binding code written again for each.
 */
public final class Sql {

    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The parameters of one item of a batch, in order. */
    @FunctionalInterface
    public interface Parameters<T> {
        Object[] of(T item) throws SQLException;
    }

    /**
     * A SQL array parameter made from its values when the statement is bound, on the statement's own connection
     * (as {@link #array(Connection, String, Object[])} would make it), for callers that hold no connection.
     */
    public record ArrayOf(String type, Object[] values) {}

    private Sql() {}

    /**
     * A SQL array of {@code type} holding {@code values}, to pass as a parameter of {@link #update}, {@link #list},
     * {@link #first} or {@link #exists}: made when the statement is bound; null when {@code values} is null.
     */
    public static ArrayOf array(String type, Collection<?> values) {
        return values == null ? null : new ArrayOf(type, values.toArray());
    }

    /**
     * A SQL array of {@code type} ({@code "text"}, {@code "uuid"}, {@code "bigint"}, ...) holding {@code values},
     * to pass as a parameter (bound as {@code setArray} would); null when {@code values} is null.
     */
    public static Array array(Connection c, String type, Object[] values) throws SQLException {
        return values == null ? null : c.createArrayOf(type, values);
    }

    /**
     * One INSERT, UPDATE or DELETE run for each of {@code items} with its {@code parameters}, sent as one JDBC
     * batch; the number of rows each touched.
     */
    public static <T> int[] batch(Connection c, String sql, Collection<T> items, Parameters<T> parameters)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T item : items) {
                bind(ps, parameters.of(item));
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /** INSERT, UPDATE or DELETE; the number of rows it touched. */
    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters)) {
            return ps.executeUpdate();
        }
    }

    /** Every row, read by {@code row}. */
    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters);
                ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.read(rs));
            }
            return rows;
        }
    }

    /** The first row, if any. */
    public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
        }
    }

    /** Whether the query returns a row. */
    public static boolean exists(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters);
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            bind(ps, parameters);
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            ps.setObject(
                    i + 1,
                    value instanceof ArrayOf array
                            ? ps.getConnection().createArrayOf(array.type(), array.values())
                            : value);
        }
    }
}
