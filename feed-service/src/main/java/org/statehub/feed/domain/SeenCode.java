package org.statehub.feed.domain;

import java.time.Instant;

/**
 * A vendor value the latest runs saw for a descriptor and school year (0: undated), its mapping (null: unmapped)
 * and how many records an unmapped value holds now.
 */
public record SeenCode(
        String descriptor,
        String vendorCode,
        int schoolYear,
        long records,
        String uri,
        long heldRecords,
        Instant lastSeen) {}
