/**
 * The one statement helper (Sql, with Rows reading a row into a record and Conditions making a WHERE clause of
 * optional filters) and transaction helper (Transactions: retries of serialization failures and
 * deadlocks, savepoints per record) every store uses, and the classification of SQL states into the data's fault
 * or the database's. Plain JDK, no framework.
 */
package org.statehub.jdbc;
