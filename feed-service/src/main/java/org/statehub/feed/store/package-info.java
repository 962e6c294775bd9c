/**
 * feed-service's SQL, and only SQL, behind interfaces the services receive (Connections, ErrorQueue, RunReads,
 * ResyncReads, StatusReads, Staging, ResyncJobs) with their JDBC implementations, and the stores the pipeline
 * receives by injection (RunStore, ConnectionStore, Differ). Statements go through hub-jdbc's Sql.
 */
package org.statehub.feed.store;
