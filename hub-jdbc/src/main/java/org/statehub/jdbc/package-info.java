/**
 * The one statement helper (Sql) and transaction helper (Transactions: retries of serialization failures and
 * deadlocks, savepoints per record) every store uses, and the classification of SQL states into the data's fault
 * or the database's. Plain JDK, no framework.
 */
package org.statehub.jdbc;
