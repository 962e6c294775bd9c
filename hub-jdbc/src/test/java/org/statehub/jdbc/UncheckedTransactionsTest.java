package org.statehub.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A database failure leaves UncheckedTransactions as a StoreException that carries it, for the mappers to find. */
class UncheckedTransactionsTest {

    private static final SQLException DOWN = new SQLException("connection refused", "08001");

    /** A data source whose database cannot be reached. */
    private static final DataSource UNREACHABLE = Fakes.of(DataSource.class, (proxy, method, args) -> {
        throw DOWN;
    });

    @Test
    void aReadsFailureIsAStoreExceptionCarryingTheSqlException() {
        StoreException e =
                catchThrowableOfType(StoreException.class, () -> UncheckedTransactions.read(UNREACHABLE, c -> 1));
        assertThat(e.getCause()).isSameAs(DOWN);
        assertThat(e.sqlException().getSQLState()).isEqualTo("08001");
    }

    @Test
    void aTransactionsFailureIsAStoreExceptionCarryingTheSqlException() {
        StoreException e = catchThrowableOfType(
                StoreException.class, () -> UncheckedTransactions.inTransaction(UNREACHABLE, c -> 1));
        assertThat(e.getCause()).isSameAs(DOWN);
    }
}
