/**
 * conflict-service's jobs and worklists: duplicate detection and conflict detection over the replicas (scheduled,
 * skipping and reporting a record they cannot process), the worklists' reads and actions in the caller's scope,
 * and resolutions written back through the owning service's API. Owns the transactions.
 */
package org.statehub.conflict.service;
