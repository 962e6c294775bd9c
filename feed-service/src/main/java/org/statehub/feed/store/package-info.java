/**
 * feed-service's SQL, and only SQL, behind interfaces the services receive (Connections, ErrorQueue, RunReads,
 * ResyncReads, StatusReads, Staging) with their JDBC implementations, and the stores the pipeline uses (RunStore,
 * ConnectionStore, Differ). Statements go through hub-jdbc's Sql.
 */
package org.statehub.feed.store;
