package org.statehub.jdbc;

import javax.sql.DataSource;

/**
 * {@link Transactions} for services whose callers do not handle database failures: the same work, the same
 * retries, a failure thrown as an unchecked {@link StoreException} carrying the SQLException.
 */
public final class UncheckedTransactions {

    private UncheckedTransactions() {}

    /** {@link Transactions#inTransaction}, a failure as a {@link StoreException}. */
    public static <T> T inTransaction(DataSource dataSource, Transactions.Work<T> work) {
        return StoreException.unchecked(() -> Transactions.inTransaction(dataSource, work));
    }

    /** {@link Transactions#read}, a failure as a {@link StoreException}. */
    public static <T> T read(DataSource dataSource, Transactions.Work<T> work) {
        return StoreException.unchecked(() -> Transactions.read(dataSource, work));
    }
}
