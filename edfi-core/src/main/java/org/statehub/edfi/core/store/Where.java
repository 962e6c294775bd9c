package org.statehub.edfi.core.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A SQL condition (starting with its own {@code WHERE} or {@code AND}, or empty) with the values of its
 * placeholders in order, as the stores build them from query criteria and access {@link Filter}s.
 */
record Where(String sql, List<Object> values) {

    /** The rows a GET by example reads: the criteria's resource, containment, id, window and access. */
    static Where of(QueryCriteria criteria, Long afterSid) {
        StringBuilder sql = new StringBuilder(" WHERE resource = ?");
        List<Object> values = new ArrayList<>();
        values.add(criteria.resource());
        if (criteria.containment() != null) {
            sql.append(" AND body @> ?::jsonb");
            values.add(criteria.containment());
        }
        if (criteria.id() != null) {
            sql.append(" AND id = ?");
            values.add(criteria.id());
        }
        if (criteria.minChangeVersion() != null) {
            sql.append(" AND change_version >= ?");
            values.add(criteria.minChangeVersion());
        }
        if (criteria.maxChangeVersion() != null) {
            sql.append(" AND change_version <= ?");
            values.add(criteria.maxChangeVersion());
        }
        if (afterSid != null) {
            sql.append(" AND sid > ?");
            values.add(afterSid);
        }
        return new Where(sql.toString(), values).and(criteria.access());
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

    /** This condition and {@code condition} with one more value. */
    Where and(String condition, Object value) {
        List<Object> all = new ArrayList<>(values);
        all.add(value);
        return new Where(sql + " AND " + condition, all);
    }

    int bind(PreparedStatement ps) throws SQLException {
        return bind(ps, 1);
    }

    /** Binds the values from parameter {@code first} on; returns the next parameter index. */
    int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object value : values) {
            if (value instanceof String[] texts) {
                ps.setArray(i++, ps.getConnection().createArrayOf("text", texts));
            } else if (value instanceof String s) {
                ps.setString(i++, s);
            } else if (value instanceof Long l) {
                ps.setLong(i++, l);
            } else if (value instanceof UUID u) {
                ps.setObject(i++, u);
            } else {
                ps.setNull(i++, Types.OTHER);
            }
        }
        return i;
    }
}
