/**
 * A pull as named steps: read the vendor (VendorClient, CSV or JSON pages), map each record to an Ed-Fi body with
 * the connection's code mappings (RecordPreparer, MapStep), stage it (StageStep), then diff against the identity
 * map and queue upserts, key changes and deletes in the outbox (Puller with Differ). Also resync, which makes the
 * hub hold exactly what the vendor says (a source snapshot, the hub's items, their comparison; docs/FEEDS.md).
 */
package org.statehub.feed.pipeline;
