package org.statehub.conflict.service;

import java.util.HashSet;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who calls the worklist, from the token: {@code StateAdmin} sees and acts on every pair,
 * {@code StateSystemReader} sees every pair and acts on none, any other client (e.g. {@code SISVendor}) sees
 * and acts on the pairs with at least one student related to its education organizations.
 */
public record Caller(String subject, boolean unrestricted, boolean readOnly, Set<Long> organizations) {

    public Caller {
        organizations = Set.copyOf(organizations);
    }

    public static Caller of(JsonWebToken token) {
        String subject = token == null || token.getSubject() == null ? "" : token.getSubject();
        Object claim = token == null ? null : token.getClaim("claim_set");
        String claimSet = claim == null ? "" : claim.toString().replace("\"", "");
        switch (claimSet) {
            case "StateAdmin":
                return new Caller(subject, true, false, Set.of());
            case "StateSystemReader":
                return new Caller(subject, true, true, Set.of());
            default:
                Set<Long> organizations = new HashSet<>();
                Object ids = token == null ? null : token.getClaim("education_organization_ids");
                if (ids instanceof Iterable<?> values) {
                    for (Object value : values) {
                        try {
                            organizations.add(Long.parseLong(value.toString().replace("\"", "").trim()));
                        } catch (NumberFormatException e) {
                            // not an organization id: grants nothing
                        }
                    }
                }
                return new Caller(subject, false, false, organizations);
        }
    }

    /** The organization ids as text, as the relationship SQL compares them. */
    public String[] organizationTexts() {
        return organizations.stream().map(String::valueOf).sorted().toArray(String[]::new);
    }
}
