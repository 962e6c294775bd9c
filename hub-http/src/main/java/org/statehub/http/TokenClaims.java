package org.statehub.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a hub token says of its caller, read in one place for every service: the client ({@code sub}), its claim set
 * ({@code claim_set}, a claim set's name: what it grants is data, docs/decisions/0020 and 0023), its descriptor namespace
 * prefixes ({@code namespace_prefixes}), the education organizations a token of another OIDC provider may name
 * itself ({@code education_organization_ids}) and the organizations a token is narrowed to ({@code scope}). Claims
 * are read through a lookup by name, so a verified {@code JsonWebToken} ({@code token::getClaim}) and the gateway's
 * own parsed claims read the same; a JSON string claim's quotes are dropped. A missing token reads as no client and
 * no claim set, which no rule allows anything.
 */
public record TokenClaims(
        String subject,
        String claimSet,
        List<String> namespacePrefixes,
        Optional<Set<Long>> educationOrganizationIds,
        Optional<Set<Long>> scope) {

    public static final String STATE_SYSTEM_READER = "StateSystemReader";
    public static final String SIS_VENDOR = "SISVendor";

    /** The claims of no token. */
    public static final TokenClaims NONE = new TokenClaims("", "", List.of(), Optional.empty(), Optional.empty());

    public TokenClaims {
        namespacePrefixes = List.copyOf(namespacePrefixes);
        educationOrganizationIds = educationOrganizationIds.map(Set::copyOf);
        scope = scope.map(Set::copyOf);
    }

    /** The claims a lookup by claim name gives ({@code null} for a missing token). */
    public static TokenClaims of(Function<String, Object> claims) {
        if (claims == null) {
            return NONE;
        }
        Object organizations = claims.apply("education_organization_ids");
        Object scope = claims.apply("scope");
        return new TokenClaims(
                text(claims.apply("sub")),
                text(claims.apply("claim_set")),
                texts(claims.apply("namespace_prefixes")),
                organizations == null ? Optional.empty() : Optional.of(ids(organizations)),
                scope == null ? Optional.empty() : Optional.of(ids(scope)));
    }

    /** Whether {@code namespace} starts with one of the token's namespace prefixes. */
    public boolean inNamespaces(String namespace) {
        for (String prefix : namespacePrefixes) {
            if (!prefix.isEmpty() && namespace.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The ids of a claim or JSON array (numbers or numeric strings); anything else grants nothing. */
    public static Set<Long> ids(Object claim) {
        Set<Long> ids = new HashSet<>();
        for (String value : texts(claim)) {
            for (String part : value.split("[\\s,]+")) {
                try {
                    ids.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    // not an organization id: grants nothing
                }
            }
        }
        return ids;
    }

    private static String text(Object claim) {
        return claim == null ? "" : unquoted(claim);
    }

    /** The values of a claim: each member of an array, or the claim itself. */
    private static List<String> texts(Object claim) {
        List<String> texts = new ArrayList<>();
        if (claim instanceof com.fasterxml.jackson.databind.JsonNode node) {
            if (node.isArray()) {
                node.forEach(member -> texts.add(member.isValueNode() ? member.asText() : ""));
            } else if (node.isValueNode()) {
                texts.add(node.asText());
            }
        } else if (claim instanceof Iterable<?> values) {
            values.forEach(value -> texts.add(value == null ? "" : unquoted(value)));
        } else if (claim != null) {
            texts.add(unquoted(claim));
        }
        return texts;
    }

    private static String unquoted(Object value) {
        return value.toString().replace("\"", "");
    }
}
