package org.statehub.edfi.core.service;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.contract.security.ClaimSetMatrix;
import org.statehub.edfi.contract.security.Strategy;

/**
 * What a caller may do and reach: the claim set it acts under, resolved per resource and action into the strategies
 * that authorize it ({@code grants}, docs/decisions/0020 part 3; null: everything without further authorization, as
 * the services themselves), and the education organizations its relationship strategies start from. {@code clientId}
 * is recorded as the creator of new items and is the owner the ownership strategies compare. {@code unrestricted}:
 * no grant of the claim set depends on the items (no relationship, creator or ownership strategy), so the caller
 * reaches every item of what it is granted (but a descriptor outside its namespace prefixes under
 * {@code NamespaceBased}). {@code claimedKey}: the key under which {@link ClaimedOrganizations} stored these
 * organizations in the database (null when they are sent with each statement instead). {@code namespacePrefixes}:
 * the token's, which {@code NamespaceBased} tests a descriptor's namespace against.
 */
public record AccessScope(
        String clientId,
        boolean unrestricted,
        Set<Long> educationOrganizationIds,
        String claimedKey,
        ClaimSetMatrix grants,
        List<String> namespacePrefixes) {

    private static final List<Strategy> EVERYTHING = List.of(Strategy.NoFurtherAuthorizationRequired);

    public AccessScope {
        educationOrganizationIds = Set.copyOf(educationOrganizationIds);
        namespacePrefixes = List.copyOf(namespacePrefixes);
    }

    /** Everything, without further authorization (the services' own calls, state-wide tests). */
    public static AccessScope unrestricted(String clientId) {
        return new AccessScope(clientId, true, Set.of(), null, null, List.of());
    }

    /** The hub's shipped {@code SISVendor} claim set over these organizations. */
    public static AccessScope organizations(String clientId, Set<Long> educationOrganizationIds) {
        return of(clientId, educationOrganizationIds, ClaimSets.sisVendor());
    }

    /**
     * The claim set {@code grants} for a client of these organizations (which only its relationship strategies
     * read: a claim set without any reaches every item it is granted, whatever the client's organizations).
     */
    public static AccessScope of(String clientId, Set<Long> educationOrganizationIds, ClaimSetMatrix grants) {
        boolean unrestricted = grants.strategies().values().stream()
                .flatMap(actions -> actions.values().stream())
                .flatMap(List::stream)
                .allMatch(strategy ->
                        strategy == Strategy.NoFurtherAuthorizationRequired || strategy == Strategy.NamespaceBased);
        return new AccessScope(
                clientId, unrestricted, unrestricted ? Set.of() : educationOrganizationIds, null, grants, List.of());
    }

    /** The strategies of {@code action} on {@code resource}; empty when the claim set does not grant it. */
    public Optional<List<Strategy>> strategies(ResourceDefinition resource, Action action) {
        return strategies(resource.key(), action);
    }

    /** The strategies of {@code action} on the resource of this catalog key. */
    public Optional<List<Strategy>> strategies(String resourceKey, Action action) {
        return grants == null ? Optional.of(EVERYTHING) : grants.of(resourceKey, action);
    }

    /** The same scope, its organizations read from the database under {@code key}. */
    AccessScope keyed(String key) {
        return new AccessScope(clientId, unrestricted, educationOrganizationIds, key, grants, namespacePrefixes);
    }

    /** The same scope with the token's namespace prefixes. */
    public AccessScope withNamespaces(List<String> prefixes) {
        return new AccessScope(clientId, unrestricted, educationOrganizationIds, claimedKey, grants, prefixes);
    }

    /** The namespace prefixes as the authorization SQL compares them (empty ones match nothing). */
    String[] namespacePrefixTexts() {
        return namespacePrefixes.stream().filter(prefix -> !prefix.isEmpty()).toArray(String[]::new);
    }

    /** The organization ids as text, as the authorization SQL compares them. */
    String[] organizationIdTexts() {
        return educationOrganizationIds.stream().map(String::valueOf).sorted().toArray(String[]::new);
    }
}
