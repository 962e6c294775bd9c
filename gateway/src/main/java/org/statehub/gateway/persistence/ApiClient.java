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
        Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
