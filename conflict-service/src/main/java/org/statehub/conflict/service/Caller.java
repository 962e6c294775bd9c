package org.statehub.conflict.service;

import java.util.Set;
import org.statehub.http.Administration;
import org.statehub.http.ClientDirectory;
import org.statehub.http.TokenClaims;

/**
 * Who calls the worklist, from the token: an administrator (its claim set has hub administration, hub-http's
 * {@link Administration}) sees and acts on every pair,
 * {@code StateSystemReader} sees every pair and acts on none, any other client (e.g. {@code SISVendor}) sees
 * and acts on the pairs with at least one student related to its education organizations.
 */
public record Caller(String subject, boolean unrestricted, boolean readOnly, Set<Long> organizations) {

    public Caller {
        organizations = Set.copyOf(organizations);
    }

    /**
     * The caller these claims (hub-http's {@link TokenClaims}, of the request's token) name; a client's organizations
     * come from the gateway's client directory (decision 0009).
     */
    public static Caller of(TokenClaims claims, ClientDirectory directory, Administration administration) {
        String subject = claims.subject();
        if (administration.administers(claims)) {
            return new Caller(subject, true, false, Set.of());
        }
        return switch (claims.claimSet()) {
            case TokenClaims.STATE_SYSTEM_READER -> new Caller(subject, true, true, Set.of());
            default -> new Caller(subject, false, false, directory.organizations(claims));
        };
    }

    /** The organization ids as text, as the relationship SQL compares them. */
    public String[] organizationTexts() {
        return organizations.stream().map(String::valueOf).sorted().toArray(String[]::new);
    }
}
