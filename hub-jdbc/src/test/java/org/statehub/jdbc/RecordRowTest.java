package org.statehub.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Sql#record}: a row read into a record by the order of its components, on a result set that serves one
 * row of values (no database) the way the PostgreSQL driver types them.
 */
class RecordRowTest {

    record Span(Instant from, Instant to) {}

    record Item(
            long id,
            Long parentId,
            String name,
            int count,
            Integer limit,
            boolean active,
            double seconds,
            BigDecimal rate,
            Span span,
            List<Long> ids,
            List<String> codes,
            List<Integer> years) {}

    record Tagged(String tag, StringBuilder note) {}

    record Untyped(Object value) {}

    private static ResultSet row(Object... values) {
        return (ResultSet) Proxy.newProxyInstance(
                RecordRowTest.class.getClassLoader(), new Class<?>[] {ResultSet.class}, (proxy, m, args) -> {
                    Object v = values[(Integer) args[0] - 1];
                    return switch (m.getName()) {
                        case "getObject" -> args.length == 2 && v != null ? ((Class<?>) args[1]).cast(v) : v;
                        case "getLong" -> v == null ? 0L : ((Number) v).longValue();
                        case "getInt" -> v == null ? 0 : ((Number) v).intValue();
                        case "getDouble" -> v == null ? 0.0 : ((Number) v).doubleValue();
                        case "getBoolean" -> v != null && (Boolean) v;
                        case "getArray" -> v == null ? null : array((Object[]) v);
                        default -> v;
                    };
                });
    }

    private static Array array(Object[] values) {
        return (Array) Proxy.newProxyInstance(
                RecordRowTest.class.getClassLoader(),
                new Class<?>[] {Array.class},
                (proxy, m, args) -> m.getName().equals("getArray") ? values : null);
    }

    @Test
    void columnsFillTheComponentsInOrderAndANestedRecordTakesItsOwnColumns() throws SQLException {
        Timestamp from = Timestamp.from(Instant.parse("2026-01-02T03:04:05Z"));
        Item item = Sql.record(Item.class)
                .read(row(
                        7L,
                        3L,
                        "x",
                        2,
                        5,
                        true,
                        1.5,
                        new BigDecimal("2.5"),
                        from,
                        null,
                        new Long[] {1L, 2L},
                        new String[] {"a"},
                        new Integer[] {2026}));
        assertThat(item)
                .isEqualTo(new Item(
                        7L,
                        3L,
                        "x",
                        2,
                        5,
                        true,
                        1.5,
                        new BigDecimal("2.5"),
                        new Span(from.toInstant(), null),
                        List.of(1L, 2L),
                        List.of("a"),
                        List.of(2026)));
    }

    @Test
    void aNullColumnIsZeroForAPrimitiveNullForTheRestAndANestedRecordOfNullsIsNull() throws SQLException {
        Item item = Sql.record(Item.class)
                .read(row(null, null, null, null, null, null, null, null, null, null, null, null, null));
        assertThat(item).isEqualTo(new Item(0L, null, null, 0, null, false, 0.0, null, null, null, null, null));
    }

    @Test
    void aTypeOfTheCallerIsReadByTheColumnItGives() throws SQLException {
        Map<Class<?>, Sql.Column<?>> columns = Map.of(
                StringBuilder.class,
                (rs, i) -> new StringBuilder("<").append(rs.getString(i)).append('>'));
        Tagged tagged = Sql.record(Tagged.class, columns).read(row("t", "n"));
        assertThat(tagged.tag()).isEqualTo("t");
        assertThat(tagged.note()).hasToString("<n>");
    }

    @Test
    void aComponentNoColumnReadsIsRefusedWhenTheReaderIsMade() {
        assertThatThrownBy(() -> Sql.record(Untyped.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> Sql.record(Tagged.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StringBuilder");
    }
}
