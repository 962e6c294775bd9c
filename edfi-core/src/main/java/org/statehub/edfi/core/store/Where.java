package org.statehub.edfi.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.statehub.jdbc.Conditions;
import org.statehub.jdbc.Sql;

/**
 * The engine's conditions on items, built with hub-jdbc's {@link Conditions}: from query criteria and access
 * {@link Filter}s, whose {@code String[]} values become SQL text arrays when they are bound ({@link #parameters}).
 */
final class Where {

    private Where() {}

    /** The rows a GET by example reads: the criteria's resource, containment, id, window and access. */
    static Conditions of(QueryCriteria criteria, Long afterSid) {
        return and(
                Conditions.where("resource = ?", criteria.resource())
                        .andIfGiven("body @> ?::jsonb", criteria.containment())
                        .andIfGiven("id = ?", criteria.id())
                        .andIfGiven("change_version >= ?", criteria.minChangeVersion())
                        .andIfGiven("change_version <= ?", criteria.maxChangeVersion())
                        .andIfGiven("sid > ?", afterSid),
                criteria.access());
    }

    /** {@code where} and {@code filter}'s condition (when not null). */
    static Conditions and(Conditions where, Filter filter) {
        return filter == null ? where : where.and(filter.sql(), filter.values().toArray());
    }

    /** The values of {@code where} as the parameters of a statement ({@link Sql}), followed by {@code more}. */
    static Object[] parameters(Connection c, Conditions where, Object... more) throws SQLException {
        return parameters(c, Arrays.asList(where.values()), more);
    }

    /**
     * {@code values} (as a {@link Filter}'s) as statement parameters, a {@code String[]} as a SQL text array,
     * followed by {@code more}.
     */
    static Object[] parameters(Connection c, List<Object> values, Object... more) throws SQLException {
        List<Object> all = new ArrayList<>(values.size() + more.length);
        for (Object value : values) {
            all.add(value instanceof String[] texts ? Sql.array(c, "text", texts) : value);
        }
        all.addAll(Arrays.asList(more));
        return all.toArray();
    }
}
