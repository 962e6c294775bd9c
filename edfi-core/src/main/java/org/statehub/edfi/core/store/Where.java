package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.statehub.jdbc.Sql;

/**
 * A SQL condition (starting with its own {@code WHERE} or {@code AND}, or empty) with the values of its
 * placeholders in order, as the stores build them from query criteria and access {@link Filter}s.
 */
record Where(String sql, List<Object> values) {

    /** The rows a GET by example reads: the criteria's resource, containment, id, window and access. */
    static Where of(QueryCriteria criteria, Long afterSid) {
        return new Where(" WHERE resource = ?", List.of(criteria.resource()))
                .andIfGiven("body @> ?::jsonb", criteria.containment())
                .andIfGiven("id = ?", criteria.id())
                .andIfGiven("change_version >= ?", criteria.minChangeVersion())
                .andIfGiven("change_version <= ?", criteria.maxChangeVersion())
                .andIfGiven("sid > ?", afterSid)
                .and(criteria.access());
    }

    /** This condition and {@code filter}'s (when not null). */
    Where and(Filter filter) {
        if (filter == null) {
            return this;
        }
        List<Object> all = new ArrayList<>(values);
        all.addAll(filter.values());
        return new Where(sql + " AND " + filter.sql(), all);
    }

    /** This condition and {@code condition} with {@code value}; this one alone when {@code value} is null. */
    Where andIfGiven(String condition, Object value) {
        return value == null ? this : and(condition, value);
    }

    /** This condition and {@code condition} with one more value. */
    Where and(String condition, Object value) {
        List<Object> all = new ArrayList<>(values);
        all.add(value);
        return new Where(sql + " AND " + condition, all);
    }

    /**
     * The values as the parameters of a statement ({@link Sql}), a {@code String[]} as a SQL text array, followed
     * by {@code more}.
     */
    Object[] parameters(Connection c, Object... more) throws SQLException {
        return parameters(c, values, more);
    }

    /** {@code values} (as a {@link Filter}'s) as statement parameters, followed by {@code more}. */
    static Object[] parameters(Connection c, List<Object> values, Object... more) throws SQLException {
        List<Object> all = new ArrayList<>(values.size() + more.length);
        for (Object value : values) {
            all.add(value instanceof String[] texts ? Sql.array(c, "text", texts) : value);
        }
        all.addAll(Arrays.asList(more));
        return all.toArray();
    }
}
