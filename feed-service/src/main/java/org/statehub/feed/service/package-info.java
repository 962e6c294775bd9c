/**
 * feed-service's orchestration behind the api: connections and their publishing clients, code mappings, pushes,
 * runs and their decisions, the data-error queue, resync jobs and the status. Services own the transactions and
 * receive their stores by injection, so their rules are tested without a database.
 */
package org.statehub.feed.service;
