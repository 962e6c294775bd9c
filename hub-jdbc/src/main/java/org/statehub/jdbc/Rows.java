package org.statehub.jdbc;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Rows read into a record by position, for a store whose SELECT lists its columns in the order of the record's
 * components: column 1 fills the first component, column 2 the second, each read as its component's type; a
 * component that is itself a record takes the next columns, one per component of its own. So a store writes
 * {@code Rows.of(Conflict.class)} where it wrote {@code new Conflict(rs.getLong(1), rs.getString(2), ...)}.
 *
 * <p>Types: {@code String}, {@code long}, {@code int}, {@code double}, {@code boolean} (a NULL reads as 0 or
 * false, as {@code ResultSet} reads it), their boxes {@code Long}, {@code Integer}, {@code Double},
 * {@code Boolean} (a NULL reads as null), {@code BigDecimal}, {@code UUID}, {@code OffsetDateTime},
 * {@code Instant} (a timestamp), {@code LocalDate} (a date); another type is refused when the reader is made.
 */
public final class Rows {

    /** Reads one value at a column. */
    @FunctionalInterface
    private interface Column {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    private static final Map<Class<?>, Column> COLUMNS = Map.ofEntries(
            Map.entry(String.class, ResultSet::getString),
            Map.entry(long.class, ResultSet::getLong),
            Map.entry(int.class, ResultSet::getInt),
            Map.entry(double.class, ResultSet::getDouble),
            Map.entry(boolean.class, ResultSet::getBoolean),
            Map.entry(Long.class, (rs, i) -> rs.getObject(i, Long.class)),
            Map.entry(Integer.class, (rs, i) -> rs.getObject(i, Integer.class)),
            Map.entry(Double.class, (rs, i) -> rs.getObject(i, Double.class)),
            Map.entry(Boolean.class, (rs, i) -> rs.getObject(i, Boolean.class)),
            Map.entry(BigDecimal.class, ResultSet::getBigDecimal),
            Map.entry(UUID.class, (rs, i) -> rs.getObject(i, UUID.class)),
            Map.entry(OffsetDateTime.class, (rs, i) -> rs.getObject(i, OffsetDateTime.class)),
            Map.entry(LocalDate.class, (rs, i) -> rs.getObject(i, LocalDate.class)),
            Map.entry(Instant.class, (rs, i) -> {
                Timestamp t = rs.getTimestamp(i);
                return t == null ? null : t.toInstant();
            }));

    private Rows() {}

    /** A reader of {@code type} from columns 1, 2, ... in the order of its components. */
    public static <R extends Record> Sql.Row<R> of(Class<R> type) {
        Reader<R> reader = reader(type);
        return rs -> reader.read(rs, new int[] {1});
    }

    /** Reads a record from the columns at {@code next[0]} on, and moves {@code next[0]} past them. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs, int[] next) throws SQLException;
    }

    private static <R extends Record> Reader<R> reader(Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        Class<?>[] types = new Class<?>[components.length];
        Reader<?>[] readers = new Reader<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            readers[i] = component(type, components[i]);
        }
        Constructor<R> constructor;
        try {
            constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
        }
        return (rs, next) -> {
            Object[] values = new Object[readers.length];
            for (int i = 0; i < readers.length; i++) {
                values[i] = readers[i].read(rs, next);
            }
            try {
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("A " + type.getSimpleName() + " cannot be made from a row", e);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("A " + type.getSimpleName() + " cannot be made from a row", e);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Reader<?> component(Class<?> owner, RecordComponent component) {
        Class<?> type = component.getType();
        if (type.isRecord()) {
            return reader((Class<? extends Record>) type);
        }
        Column column = COLUMNS.get(type);
        if (column == null) {
            throw new IllegalArgumentException(
                    owner.getName() + "." + component.getName() + ": a column cannot be read as " + type.getName());
        }
        return (rs, next) -> column.read(rs, next[0]++);
    }
}
