package org.statehub.conflict.service;

import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.statehub.http.ClientDirectory;

/**
 * Who calls the worklist, from the token: {@code StateAdmin} sees and acts on every pair,
 * {@code StateSystemReader} sees every pair and acts on none, any other client (e.g. {@code SISVendor}) sees
 * and acts on the pairs with at least one student related to its education organizations.
 */
public record Caller(String subject, boolean unrestricted, boolean readOnly, Set<Long> organizations) {

    public Caller {
        organizations = Set.copyOf(organizations);
    }

    /** The caller of this token; a client's organizations come from the gateway's client directory (decision 0009). */
    public static Caller of(JsonWebToken token, ClientDirectory directory) {
        String subject = token == null || token.getSubject() == null ? "" : token.getSubject();
        Object claim = token == null ? null : token.getClaim("claim_set");
        String claimSet = claim == null ? "" : claim.toString().replace("\"", "");
        switch (claimSet) {
            case "StateAdmin":
                return new Caller(subject, true, false, Set.of());
            case "StateSystemReader":
                return new Caller(subject, true, true, Set.of());
            default:
                Set<Long> organizations = token == null ? Set.of() : directory.organizations(subject, token::getClaim);
                return new Caller(subject, false, false, organizations);
        }
    }

    /** The organization ids as text, as the relationship SQL compares them. */
    public String[] organizationTexts() {
        return organizations.stream().map(String::valueOf).sorted().toArray(String[]::new);
    }
}
