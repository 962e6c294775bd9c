package org.statehub.jdbc;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Rows read into a record by position, for a store whose SELECT lists its columns in the order of the record's
 * components: column 1 fills the first component, column 2 the second, each read as its component's type; a
 * component that is itself a record takes the next columns, one per component of its own, and is null when all of
 * them are NULL (a LEFT JOIN that found nothing). So a store writes {@code Rows.of(Conflict.class)} where it wrote
 * {@code new Conflict(rs.getLong(1), rs.getString(2), ...)}.
 *
 * <p>Types: {@code String}, {@code long}, {@code int}, {@code double}, {@code boolean} (a NULL reads as 0 or
 * false, as {@code ResultSet} reads it), their boxes {@code Long}, {@code Integer}, {@code Double},
 * {@code Boolean} (a NULL reads as null), {@code BigDecimal}, {@code UUID}, {@code OffsetDateTime},
 * {@code Instant} (a timestamp), {@code LocalDate} (a date), {@code List<String>}, {@code List<Long>} and
 * {@code List<Integer>} (a SQL array), and the types the caller gives a {@link Column} for (a JSON column, say);
 * another type is refused when the reader is made.
 */
public final class Rows {

    /** Reads the value of a column of the current row. */
    @FunctionalInterface
    public interface Column<T> {
        T read(ResultSet rs, int column) throws SQLException;
    }

    private static final Map<Class<?>, Column<?>> COLUMNS = Map.ofEntries(
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

    /** How an element of a SQL array becomes an element of a {@code List} component. */
    private static final Map<Type, Function<Object, Object>> ELEMENTS = Map.of(
            String.class, Object::toString,
            Long.class, o -> ((Number) o).longValue(),
            Integer.class, o -> ((Number) o).intValue());

    private Rows() {}

    /** A reader of {@code type} from columns 1, 2, ... in the order of its components. */
    public static <R extends Record> Sql.Row<R> of(Class<R> type) {
        return of(type, Map.of());
    }

    /** {@link #of(Class)}, with {@code columns} reading the components of the types they name. */
    public static <R extends Record> Sql.Row<R> of(Class<R> type, Map<Class<?>, Column<?>> columns) {
        Reader reader = record(type, columns, false);
        return rs -> type.cast(reader.read().read(rs, 1));
    }

    /** Reads a value from the columns at its first on; it takes {@code width} columns. */
    private record Reader(int width, Column<?> read) {}

    /** A record over as many columns as its components take; when {@code nullable}, null where all are NULL. */
    private static Reader record(Class<?> type, Map<Class<?>, Column<?>> columns, boolean nullable) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        Class<?>[] types = new Class<?>[components.length];
        Reader[] readers = new Reader[components.length];
        int width = 0;
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            readers[i] = component(type, components[i], columns);
            width += readers[i].width();
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
        }
        int taken = width;
        return new Reader(width, (rs, first) -> {
            if (nullable && allNull(rs, first, taken)) {
                return null;
            }
            Object[] values = new Object[readers.length];
            int column = first;
            for (int i = 0; i < readers.length; i++) {
                values[i] = readers[i].read().read(rs, column);
                column += readers[i].width();
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
        });
    }

    private static Reader component(Class<?> owner, RecordComponent component, Map<Class<?>, Column<?>> columns) {
        Class<?> type = component.getType();
        Column<?> column = columns.getOrDefault(type, COLUMNS.get(type));
        if (column != null) {
            return new Reader(1, column);
        }
        if (type.isRecord()) {
            return record(type, columns, true);
        }
        if (type == List.class
                && component.getGenericType() instanceof ParameterizedType list
                && ELEMENTS.get(list.getActualTypeArguments()[0]) instanceof Function<Object, Object> element) {
            return new Reader(1, (rs, i) -> list(rs.getArray(i), element));
        }
        throw new IllegalArgumentException(owner.getName() + "." + component.getName() + ": a column cannot be read as "
                + component.getGenericType().getTypeName());
    }

    private static boolean allNull(ResultSet rs, int first, int width) throws SQLException {
        for (int i = first; i < first + width; i++) {
            if (rs.getObject(i) != null) {
                return false;
            }
        }
        return true;
    }

    private static List<Object> list(Array array, Function<Object, Object> element) throws SQLException {
        if (array == null) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            values.add(element.apply(o));
        }
        return Collections.unmodifiableList(values);
    }
}
