/**
 * A pull as named steps: read the vendor (ReadStep with VendorClient, CSV or JSON pages), map each record to an
 * Ed-Fi body with the connection's code mappings (RecordPreparer, MapStep), stage it (StageStep), then, in one
 * transaction, the overlap rule and safety hold (DiffStep) and the upserts, key changes and deletes queued in the
 * outbox (QueueStep); Puller runs them, HeldRuns decides held runs. Also resync, which makes the
 * hub hold exactly what the vendor says (a source snapshot, the hub's items, their comparison; docs/FEEDS.md).
 */
package org.statehub.feed.pipeline;
