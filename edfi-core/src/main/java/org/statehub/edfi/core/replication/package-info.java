/**
 * Copies of other services' resources fed only by their change queries over HTTP: the change feed client, the
 * consumers that catch up from a stored watermark, the replica's SQL, and reference and descriptor checks against
 * the replica.
 */
package org.statehub.edfi.core.replication;
