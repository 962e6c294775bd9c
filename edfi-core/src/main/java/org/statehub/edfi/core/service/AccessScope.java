package org.statehub.edfi.core.service;

import java.util.Set;

/**
 * What a caller may reach: everything (state-wide clients and the services themselves), or the education
 * organizations in its token and what is related to them ({@link Relationships}). {@code clientId} is recorded
 * as the creator of new items.
 */
public record AccessScope(String clientId, boolean unrestricted, Set<Long> educationOrganizationIds) {

    public AccessScope {
        educationOrganizationIds = Set.copyOf(educationOrganizationIds);
    }

    public static AccessScope unrestricted(String clientId) {
        return new AccessScope(clientId, true, Set.of());
    }

    public static AccessScope organizations(String clientId, Set<Long> educationOrganizationIds) {
        return new AccessScope(clientId, false, educationOrganizationIds);
    }

    /** The organization ids as text, as the authorization SQL compares them. */
    String[] organizationIdTexts() {
        return educationOrganizationIds.stream().map(String::valueOf).sorted().toArray(String[]::new);
    }
}
