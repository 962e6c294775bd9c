package org.statehub.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the statement helper's array and batch methods ask of JDBC, on a recording connection (no database): every
 * call made on the connection, its statements and its arrays is kept in {@link #calls} with its arguments.
 */
class SqlTest {

    private final List<String> calls = new ArrayList<>();

    private final Connection connection = Fakes.of(Connection.class, (proxy, m, args) -> {
        calls.add(m.getName() + describe(args));
        return switch (m.getName()) {
            case "prepareStatement" -> statement();
            case "createArrayOf" -> array(args[0] + describe((Object[]) args[1]));
            default -> null;
        };
    });

    private PreparedStatement statement() {
        return Fakes.of(PreparedStatement.class, (proxy, m, args) -> {
            calls.add(m.getName() + describe(args));
            return switch (m.getName()) {
                case "executeBatch" -> new int[] {1, 1};
                case "executeUpdate" -> 2;
                case "getConnection" -> connection;
                default -> null;
            };
        });
    }

    private static Array array(String name) {
        return Fakes.of(Array.class, (proxy, m, args) -> m.getName().equals("toString") ? name : null);
    }

    private static String describe(Object[] args) {
        List<String> parts = new ArrayList<>();
        if (args != null) {
            for (Object a : args) {
                parts.add(a instanceof Object[] values ? List.of(values).toString() : String.valueOf(a));
            }
        }
        return "(" + String.join(", ", parts) + ")";
    }

    @Test
    void anArrayIsMadeByTheConnectionAndANullOneIsNull() throws SQLException {
        Array texts = Sql.array(connection, "text", new String[] {"a", "b"});
        assertThat(texts).hasToString("text(a, b)");
        assertThat(Sql.array(connection, "uuid", null)).isNull();
        assertThat(calls).containsExactly("createArrayOf(text, [a, b])");
    }

    @Test
    void anArrayParameterIsMadeOnTheStatementsConnectionWhenBound() throws SQLException {
        int updated = Sql.update(
                connection,
                "UPDATE t SET a = ? WHERE id = ANY (?) AND b = ANY (?)",
                "x",
                Sql.array("bigint", List.of(1L, 2L)),
                Sql.array("text", null));
        assertThat(updated).isEqualTo(2);
        assertThat(calls)
                .containsExactly(
                        "prepareStatement(UPDATE t SET a = ? WHERE id = ANY (?) AND b = ANY (?))",
                        "setObject(1, x)",
                        "getConnection()",
                        "createArrayOf(bigint, [1, 2])",
                        "setObject(2, bigint(1, 2))",
                        "setObject(3, null)",
                        "executeUpdate()",
                        "close()");
    }

    @Test
    void aBatchBindsEachItemInOrderAndRunsOnceThenCloses() throws SQLException {
        int[] counts = Sql.batch(connection, "INSERT INTO t (a, b) VALUES (?, ?)", List.of("x", "y"), item ->
                new Object[] {item, item.length()});
        assertThat(counts).containsExactly(1, 1);
        assertThat(calls)
                .containsExactly(
                        "prepareStatement(INSERT INTO t (a, b) VALUES (?, ?))",
                        "setObject(1, x)",
                        "setObject(2, 1)",
                        "addBatch()",
                        "setObject(1, y)",
                        "setObject(2, 1)",
                        "addBatch()",
                        "executeBatch()",
                        "close()");
    }

    @Test
    void anEmptyBatchSendsNothingButStillCloses() throws SQLException {
        Sql.batch(connection, "DELETE FROM t WHERE a = ?", List.<String>of(), item -> new Object[] {item});
        assertThat(calls).containsExactly("prepareStatement(DELETE FROM t WHERE a = ?)", "executeBatch()", "close()");
    }
}
