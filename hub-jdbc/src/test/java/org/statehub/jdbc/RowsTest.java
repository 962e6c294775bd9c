package org.statehub.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Records read by position from a result set that answers each column from an array (no database), recording
 * which getter read which column.
 */
class RowsTest {

    record Person(UUID id, String name, LocalDate born, boolean present) {}

    record Pair(long id, double score, Long link, Integer attempts, Person a, Person b, OffsetDateTime at) {}

    record Odd(long id, Object what) {}

    private final List<String> reads = new ArrayList<>();

    private ResultSet row(Object... columns) {
        return Fakes.of(ResultSet.class, (proxy, m, args) -> {
            int i = (Integer) args[0];
            Object value = columns[i - 1];
            reads.add(m.getName() + "(" + i + ")");
            return switch (m.getName()) {
                case "getLong" -> value == null ? 0L : value;
                case "getDouble" -> value == null ? 0.0 : value;
                case "getBoolean" -> value != null && (Boolean) value;
                case "getArray" -> value == null ? null : array((Object[]) value);
                default -> value;
            };
        });
    }

    private static Array array(Object[] values) {
        return Fakes.of(Array.class, (proxy, m, args) -> m.getName().equals("getArray") ? values : null);
    }

    @Test
    void columnsFillTheComponentsInOrderAndANestedRecordTakesTheNextColumns() throws SQLException {
        UUID a = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        ResultSet rs = row(7L, 0.875, null, 3, a, "Ann", LocalDate.of(2011, 4, 9), true, null, null, null, false, at);

        Pair pair = Rows.of(Pair.class).read(rs);

        assertThat(pair)
                .isEqualTo(new Pair(
                        7L,
                        0.875,
                        null,
                        3,
                        new Person(a, "Ann", LocalDate.of(2011, 4, 9), true),
                        new Person(null, null, null, false),
                        at));
        assertThat(reads)
                .containsExactly(
                        "getLong(1)",
                        "getDouble(2)",
                        "getObject(3)",
                        "getObject(4)",
                        // a nested record's columns are first looked at until one is not NULL
                        "getObject(5)",
                        "getObject(5)",
                        "getString(6)",
                        "getObject(7)",
                        "getBoolean(8)",
                        "getObject(9)",
                        "getObject(10)",
                        "getObject(11)",
                        "getObject(12)",
                        "getObject(9)",
                        "getString(10)",
                        "getObject(11)",
                        "getBoolean(12)",
                        "getObject(13)");
    }

    record Visit(long id, Person person) {}

    @Test
    void aNestedRecordWhoseColumnsAreAllNullIsNull() throws SQLException {
        Visit visit = Rows.of(Visit.class).read(row(1L, null, null, null, null));
        assertThat(visit).isEqualTo(new Visit(1L, null));
    }

    record Coded(List<Long> ids, List<String> codes, List<Integer> years, List<String> none) {}

    @Test
    void aSqlArrayIsReadAsAListOfItsElementsAndANullOneIsNull() throws SQLException {
        Coded coded =
                Rows.of(Coded.class).read(row(new Long[] {1L, 2L}, new String[] {"a"}, new Integer[] {2026}, null));
        assertThat(coded).isEqualTo(new Coded(List.of(1L, 2L), List.of("a"), List.of(2026), null));
    }

    record Tagged(String tag, StringBuilder note) {}

    @Test
    void aTypeOfTheCallerIsReadByTheColumnItGives() throws SQLException {
        Map<Class<?>, Rows.Column<?>> columns =
                Map.of(StringBuilder.class, (rs, i) -> new StringBuilder("<" + rs.getString(i) + ">"));
        Tagged tagged = Rows.of(Tagged.class, columns).read(row("t", "n"));
        assertThat(tagged.tag()).isEqualTo("t");
        assertThat(tagged.note()).hasToString("<n>");
        assertThatThrownBy(() -> Rows.of(Tagged.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Tagged.note")
                .hasMessageContaining("StringBuilder");
    }

    record Stamped(Instant at, Instant never, BigDecimal score) {}

    @Test
    void anInstantIsReadAsATimestampAndANullOneStaysNull() throws SQLException {
        Instant now = Instant.parse("2026-12-07T13:00:00.123456Z");
        Stamped read = Rows.of(Stamped.class).read(row(Timestamp.from(now), null, new BigDecimal("0.650")));
        assertThat(read).isEqualTo(new Stamped(now, null, new BigDecimal("0.650")));
        assertThat(reads).containsExactly("getTimestamp(1)", "getTimestamp(2)", "getBigDecimal(3)");
    }

    @Test
    void aComponentOfAnotherTypeIsRefusedWhenTheReaderIsMade() {
        assertThatThrownBy(() -> Rows.of(Odd.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Odd.what")
                .hasMessageContaining("java.lang.Object");
        assertThat(reads).isEmpty();
    }
}
