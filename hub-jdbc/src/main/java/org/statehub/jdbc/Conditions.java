package org.statehub.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A WHERE clause made of conditions joined by AND, each with the values of its placeholders, for the list and
 * count reads whose filters are optional (a worklist, a queue): a filter not asked for adds no condition. A page
 * of rows and their total are read with the same conditions, so the two cannot disagree.
 *
 * <pre>{@code
 * Conditions where = Conditions.where("state = ANY (?)", Sql.array("text", states))
 *         .andIfGiven("field = ?", field)
 *         .andIf(minAgeDays > 0, "first_seen <= now() - make_interval(days => ?)", minAgeDays);
 * where.page(c, "SELECT id, state FROM conflict", "first_seen, id", ROW, limit, offset);
 * where.count(c, "conflict");
 * }</pre>
 */
public final class Conditions {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    private Conditions() {}

    /** No condition yet: every row. */
    public static Conditions all() {
        return new Conditions();
    }

    /** The first condition, with its values. */
    public static Conditions where(String condition, Object... values) {
        return all().and(condition, values);
    }

    /** And {@code condition}, with the values of its placeholders in order. */
    public Conditions and(String condition, Object... values) {
        conditions.add(condition);
        this.values.addAll(Arrays.asList(values));
        return this;
    }

    /** And {@code condition} when {@code when}; nothing otherwise. */
    public Conditions andIf(boolean when, String condition, Object... values) {
        return when ? and(condition, values) : this;
    }

    /** And {@code condition} (one placeholder) bound to {@code value}, when a value is given (not null). */
    public Conditions andIfGiven(String condition, Object value) {
        return andIf(value != null, condition, value);
    }

    /** {@code " WHERE a AND b ..."}, or nothing when there is no condition. */
    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The values of the placeholders, then {@code more} (for what the statement adds after the clause). */
    public Object[] values(Object... more) {
        List<Object> all = new ArrayList<>(values);
        all.addAll(Arrays.asList(more));
        return all.toArray();
    }

    /**
     * A page of the rows {@code select} (a SELECT ... FROM, without WHERE) reads under these conditions, in
     * {@code orderBy}'s order, read by {@code row}.
     */
    public <T> List<T> page(Connection c, String select, String orderBy, Sql.Row<T> row, int limit, long offset)
            throws SQLException {
        return Sql.list(c, select + sql() + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?", row, values(limit, offset));
    }

    /** How many rows of {@code from} (a table, with its alias if the conditions use one) meet the conditions. */
    public long count(Connection c, String from) throws SQLException {
        return Sql.first(c, "SELECT count(*) FROM " + from + sql(), rs -> rs.getLong(1), values())
                .orElse(0L);
    }

    @Override
    public String toString() {
        return sql() + " " + values;
    }
}
