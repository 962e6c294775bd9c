package org.statehub.edfi.core.service;

import java.util.Set;

/**
 * What a caller may reach: everything (state-wide clients and the services themselves), or the education
 * organizations in its token and what is related to them ({@link Relationships}). {@code clientId} is recorded
 * as the creator of new items. {@code claimedKey}: the key under which {@link ClaimedOrganizations} stored these
 * organizations in the database (null when they are sent with each statement instead).
 */
public record AccessScope(
        String clientId, boolean unrestricted, Set<Long> educationOrganizationIds, String claimedKey) {

    public AccessScope {
        educationOrganizationIds = Set.copyOf(educationOrganizationIds);
    }

    public AccessScope(String clientId, boolean unrestricted, Set<Long> educationOrganizationIds) {
        this(clientId, unrestricted, educationOrganizationIds, null);
    }

    public static AccessScope unrestricted(String clientId) {
        return new AccessScope(clientId, true, Set.of());
    }

    public static AccessScope organizations(String clientId, Set<Long> educationOrganizationIds) {
        return new AccessScope(clientId, false, educationOrganizationIds);
    }

    /** The same scope, its organizations read from the database under {@code key}. */
    AccessScope keyed(String key) {
        return new AccessScope(clientId, unrestricted, educationOrganizationIds, key);
    }

    /** The organization ids as text, as the authorization SQL compares them. */
    String[] organizationIdTexts() {
        return educationOrganizationIds.stream().map(String::valueOf).sorted().toArray(String[]::new);
    }
}
