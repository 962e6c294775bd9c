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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The reader behind {@link Sql#record}: worked out once per record type (which column each component takes and
 * how it is read), then applied to each row.
 */
final class RecordRows {

    /** Reads a value that starts at a column and takes {@code width} columns. */
    private record Reader(int width, Sql.Column<?> read) {}

    private static final Map<Class<?>, Sql.Column<?>> PLAIN = Map.ofEntries(
            Map.entry(String.class, ResultSet::getString),
            Map.entry(long.class, ResultSet::getLong),
            Map.entry(Long.class, (rs, i) -> rs.getObject(i, Long.class)),
            Map.entry(int.class, ResultSet::getInt),
            Map.entry(Integer.class, (rs, i) -> rs.getObject(i, Integer.class)),
            Map.entry(double.class, ResultSet::getDouble),
            Map.entry(Double.class, (rs, i) -> rs.getObject(i, Double.class)),
            Map.entry(boolean.class, ResultSet::getBoolean),
            Map.entry(Boolean.class, (rs, i) -> rs.getObject(i, Boolean.class)),
            Map.entry(BigDecimal.class, ResultSet::getBigDecimal),
            Map.entry(Instant.class, RecordRows::instant));

    /** How an element of a SQL array becomes an element of a {@code List} component. */
    private static final Map<Type, Function<Object, Object>> ELEMENTS = Map.of(
            String.class, Object::toString,
            Long.class, o -> ((Number) o).longValue(),
            Integer.class, o -> ((Number) o).intValue());

    private RecordRows() {}

    static <R extends Record> Sql.Row<R> of(Class<R> type, Map<Class<?>, Sql.Column<?>> columns) {
        Sql.Column<?> read = record(type, columns, false).read();
        return rs -> type.cast(read.read(rs, 1));
    }

    private static Reader reader(Class<?> type, Type generic, Map<Class<?>, Sql.Column<?>> columns) {
        Sql.Column<?> read = columns.getOrDefault(type, PLAIN.get(type));
        if (read != null) {
            return new Reader(1, read);
        }
        if (type.isRecord()) {
            return record(type, columns, true);
        }
        if (type == List.class
                && generic instanceof ParameterizedType list
                && ELEMENTS.get(list.getActualTypeArguments()[0]) instanceof Function<Object, Object> element) {
            return new Reader(1, (rs, i) -> list(rs.getArray(i), element));
        }
        throw new IllegalArgumentException("No column reads a " + generic.getTypeName());
    }

    /** A record over as many columns as its components take; when {@code nullable}, null where all are null. */
    private static Reader record(Class<?> type, Map<Class<?>, Sql.Column<?>> columns, boolean nullable) {
        RecordComponent[] components = type.getRecordComponents();
        Reader[] readers = new Reader[components.length];
        int width = 0;
        for (int k = 0; k < components.length; k++) {
            readers[k] = reader(components[k].getType(), components[k].getGenericType(), columns);
            width += readers[k].width();
        }
        Constructor<?> constructor = canonical(type, components);
        int columnsTaken = width;
        return new Reader(width, (rs, first) -> {
            if (nullable && allNull(rs, first, columnsTaken)) {
                return null;
            }
            Object[] values = new Object[readers.length];
            int column = first;
            for (int k = 0; k < readers.length; k++) {
                values[k] = readers[k].read().read(rs, column);
                column += readers[k].width();
            }
            return construct(constructor, values);
        });
    }

    private static Constructor<?> canonical(Class<?> type, RecordComponent[] components) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("A record without its canonical constructor: " + type.getName(), e);
        }
    }

    private static Object construct(Constructor<?> constructor, Object[] values) {
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean allNull(ResultSet rs, int first, int width) throws SQLException {
        for (int i = first; i < first + width; i++) {
            if (rs.getObject(i) != null) {
                return false;
            }
        }
        return true;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
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
