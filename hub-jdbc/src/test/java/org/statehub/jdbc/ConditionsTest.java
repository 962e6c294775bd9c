package org.statehub.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statements a page and a count send, on a recording connection whose queries return no row. */
class ConditionsTest {

    private final List<String> calls = new ArrayList<>();

    private final Connection connection = Fakes.of(Connection.class, (proxy, m, args) -> {
        if (m.getName().equals("prepareStatement")) {
            calls.add((String) args[0]);
            return statement();
        }
        return null;
    });

    private PreparedStatement statement() {
        return Fakes.of(PreparedStatement.class, (proxy, m, args) -> {
            switch (m.getName()) {
                case "setObject" -> calls.add(args[0] + "=" + args[1]);
                case "executeQuery" -> {
                    return emptyResult();
                }
                default -> {}
            }
            return null;
        });
    }

    private static ResultSet emptyResult() {
        return Fakes.of(ResultSet.class, (proxy, m, args) -> m.getName().equals("next") ? false : null);
    }

    @Test
    void conditionsNotAskedForAreLeftOutAndThePageBindsLimitAndOffsetLast() throws SQLException {
        Conditions where = Conditions.where("state = ?", "open")
                .andIfGiven("field = ?", null)
                .andIfGiven("lea = ?", 7L)
                .andIf(false, "age >= ?", 3)
                .andIf(true, "(a = ANY (?) OR b = ANY (?))", "x", "x");

        assertThat(where.page(connection, "SELECT id FROM t", "id", rs -> rs.getLong(1), 20, 40))
                .isEmpty();
        assertThat(where.count(connection, "t")).isZero();

        assertThat(calls)
                .containsExactly(
                        "SELECT id FROM t WHERE state = ? AND lea = ? AND (a = ANY (?) OR b = ANY (?))"
                                + " ORDER BY id LIMIT ? OFFSET ?",
                        "1=open",
                        "2=7",
                        "3=x",
                        "4=x",
                        "5=20",
                        "6=40",
                        "SELECT count(*) FROM t WHERE state = ? AND lea = ? AND (a = ANY (?) OR b = ANY (?))",
                        "1=open",
                        "2=7",
                        "3=x",
                        "4=x");
    }

    @Test
    void withoutConditionsThereIsNoWhere() {
        Conditions all = Conditions.all().andIfGiven("x = ?", null);
        assertThat(all.sql()).isEmpty();
        assertThat(all.values(1, 2)).containsExactly(1, 2);
    }
}
