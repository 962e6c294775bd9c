package org.statehub.edfi.core.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored item as the engine needs it for writes: its key, its body as JSON text, its version, and the client
 * that created it (null when not recorded).
 */
public record StoredDocument(
        long sid, UUID id, String naturalKey, String body, long changeVersion, Instant lastModified, String createdBy) {

    public String etag() {
        return Long.toString(changeVersion);
    }
}
