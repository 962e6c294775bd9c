package org.statehub.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The transaction helper's rules, on a recording connection (no database): every call made on it is kept in
 * {@link #calls}, and the tests assert what was and was not called.
 */
class TransactionsTest {

    /** The calls made on every connection handed out, in order. */
    private final List<String> calls = new ArrayList<>();

    private final DataSource dataSource = Fakes.of(DataSource.class, (proxy, method, args) -> {
        // Transactions only ever asks a data source for a connection; anything else is a failure of the test.
        assertThat(method.getName())
                .as("what Transactions asked of the data source")
                .isEqualTo("getConnection");
        return connection();
    });

    private Connection connection() {
        return Fakes.of(Connection.class, (proxy, method, args) -> {
            calls.add(method.getName());
            return switch (method.getName()) {
                case "getAutoCommit", "isClosed" -> method.getName().equals("getAutoCommit");
                default -> null;
            };
        });
    }

    @Test
    void anActionRunsInTheTransactionAndItsFailureRollsItBack() throws SQLException {
        List<Connection> given = new ArrayList<>();
        assertThat(Transactions.inTransaction(dataSource, Transactions.doing(given::add)))
                .isNull();
        assertThat(given).hasSize(1);
        assertThat(calls).containsSubsequence("setAutoCommit", "commit", "close");

        calls.clear();
        assertThatThrownBy(() -> Transactions.inTransaction(dataSource, Transactions.doing(c -> {
                    throw new SQLException("violates check constraint", "23514");
                })))
                .hasMessage("violates check constraint");
        assertThat(calls).contains("rollback").doesNotContain("commit");
    }

    @Test
    void aSerializationFailureRepeatsTheWholeUnitOnANewConnection() throws SQLException {
        AtomicInteger attempts = new AtomicInteger();
        String result = Transactions.inTransaction(dataSource, c -> {
            if (attempts.incrementAndGet() < 3) {
                throw new SQLException("could not serialize access", "40001");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
        assertThat(calls).filteredOn("rollback"::equals).hasSize(2);
        assertThat(calls).filteredOn("commit"::equals).hasSize(1);
        assertThat(calls).filteredOn("close"::equals).hasSize(3);
    }

    @Test
    void aDeadlockIsRepeatedAtMostFourTimes() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> Transactions.inTransaction(dataSource, c -> {
                    attempts.incrementAndGet();
                    throw new SQLException("deadlock detected", "40P01");
                }))
                .isInstanceOf(SQLException.class)
                .hasMessage("deadlock detected");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void onceRollsBackASerializationFailureWithoutRepeatingTheWork() {
        assertRolledBackOnceAndThrown(
                work -> Transactions.once(dataSource, work), new SQLException("could not serialize access", "40001"));
    }

    @Test
    void onceCommitsWorkThatEnds() throws SQLException {
        String done = Transactions.once(dataSource, c -> "done");
        assertThat(done).isEqualTo("done");
        assertThat(calls).containsSubsequence("setAutoCommit", "commit", "setAutoCommit", "close");
        assertThat(calls).doesNotContain("rollback");
    }

    @Test
    void aDryRunIsRolledBackWhenItEndsAndWhenItFails() throws SQLException {
        String wouldDo = Transactions.rolledBack(dataSource, c -> "would do");
        assertThat(wouldDo).isEqualTo("would do");
        assertThat(calls).containsExactly("getAutoCommit", "setAutoCommit", "rollback", "setAutoCommit", "close");
        calls.clear();
        assertThatThrownBy(() -> Transactions.rolledBack(dataSource, c -> {
                    throw new SQLException("duplicate key", "23505");
                }))
                .hasMessage("duplicate key");
        assertThat(calls).containsExactly("getAutoCommit", "setAutoCommit", "rollback", "setAutoCommit", "close");
    }

    @Test
    void aDataErrorRollsBackOnceAndIsNotRepeated() {
        assertRolledBackOnceAndThrown(
                work -> Transactions.inTransaction(dataSource, work), new SQLException("duplicate key", "23505"));
    }

    /** A way to run a unit of work: {@code Transactions.once}, {@code inTransaction}, ... on the recording source. */
    private interface Runner {
        Object run(Transactions.Work<Object> work) throws SQLException;
    }

    /**
     * Runs work that fails with {@code failure} through {@code runner}: the work ran once, its transaction was rolled
     * back and never committed, and the failure reached the caller.
     */
    private void assertRolledBackOnceAndThrown(Runner runner, SQLException failure) {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> runner.run(c -> {
                    attempts.incrementAndGet();
                    throw failure;
                }))
                .hasMessage(failure.getMessage());
        assertThat(attempts).hasValue(1);
        assertThat(calls).containsSubsequence("setAutoCommit", "rollback", "setAutoCommit", "close");
        assertThat(calls).doesNotContain("commit");
    }

    @Test
    void aRecordsDataErrorIsUndoneToItsSavepointAndReturned() throws SQLException {
        Connection c = connection();
        var failure = Transactions.perRecord(c, x -> {
            throw new SQLException("value too long", "22001");
        });
        assertThat(failure).get().extracting(Exception::getMessage).isEqualTo("value too long");
        assertThat(calls).containsExactly("setSavepoint", "isClosed", "rollback");
    }

    @Test
    void aRecordsLostConnectionFailsTheWholeTransaction() {
        Connection c = connection();
        assertThatThrownBy(() -> Transactions.perRecord(c, x -> {
                    throw new SQLException("connection lost", "08006");
                }))
                .hasMessage("connection lost");
        assertThat(calls).containsExactly("setSavepoint");
    }

    @Test
    void theSqlStateSaysWhetherTheDataOrTheDatabaseIsAtFault() {
        assertThat(SqlStates.causedByData(new SQLException("duplicate key", "23505")))
                .isTrue();
        assertThat(SqlStates.causedByData(new SQLException("index row too large", "54000")))
                .isTrue();
        assertThat(SqlStates.causedByData(new SQLException("serialization", "40001")))
                .isFalse();
        assertThat(SqlStates.causedByData(new SQLException("no state"))).isFalse();
    }
}
