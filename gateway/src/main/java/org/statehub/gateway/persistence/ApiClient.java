package org.statehub.gateway.persistence;

import java.time.Instant;
import java.util.List;

/** An API client as stored (the secret only as its hash). */
public record ApiClient(
        String clientId,
        String displayName,
        String secretHash,
        String claimSet,
        List<Long> educationOrganizationIds,
        List<String> namespacePrefixes,
        Instant createdAt,
        Instant secretRotatedAt,
        Instant revokedAt,
        boolean enabled) {

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether the client may get tokens and use those it holds: not revoked, and enabled (the Admin API's flag). */
    public boolean usable() {
        return !revoked() && enabled;
    }
}
