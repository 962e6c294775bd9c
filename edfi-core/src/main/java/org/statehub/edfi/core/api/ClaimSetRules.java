package org.statehub.edfi.core.api;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.statehub.edfi.core.contract.ResourceDefinition;
import org.statehub.edfi.core.problem.Problem;
import org.statehub.edfi.core.problem.Problems;

/**
 * What a token's claim set allows, before any data is touched: {@code StateAdmin} everything,
 * {@code StateSystemReader} reads only, {@code SISVendor} descriptor writes only inside its namespace prefixes.
 * (The relationship-based scoping of SISVendor clients to their education organizations is not enforced yet.)
 */
final class ClaimSetRules {

    static final String AUTHORIZATION = Problems.URN + ":security:authorization";

    private ClaimSetRules() {
    }

    /** The refusal of a write by this caller, if any. */
    static Optional<Problem> write(JsonWebToken token, ResourceDefinition resource, String descriptorNamespace) {
        String claimSet = claimSet(token);
        switch (claimSet) {
            case "StateAdmin":
                return Optional.empty();
            case "StateSystemReader":
                return Optional.of(denied(AUTHORIZATION, "The 'StateSystemReader' claim set has read-only access."));
            case "SISVendor":
                if (resource.descriptor() && descriptorNamespace != null && !inNamespaces(token, descriptorNamespace)) {
                    return Optional.of(denied(AUTHORIZATION + ":namespace:access-denied:namespace-mismatch",
                            "The descriptor namespace '" + descriptorNamespace + "' is not one of the namespace "
                                    + "prefixes of this client."));
                }
                return Optional.empty();
            default:
                return Optional.of(denied(AUTHORIZATION, "The claim set '" + claimSet + "' is not known to this API."));
        }
    }

    /** Whether this caller's descriptor writes are limited to its namespace prefixes. */
    static boolean limitedToNamespaces(JsonWebToken token) {
        return "SISVendor".equals(claimSet(token));
    }

    /** The refusal of a read by this caller, if any. */
    static Optional<Problem> read(JsonWebToken token) {
        String claimSet = claimSet(token);
        return switch (claimSet) {
            case "StateAdmin", "StateSystemReader", "SISVendor" -> Optional.empty();
            default -> Optional.of(denied(AUTHORIZATION, "The claim set '" + claimSet + "' is not known to this API."));
        };
    }

    private static String claimSet(JsonWebToken token) {
        Object value = token == null ? null : token.getClaim("claim_set");
        return value == null ? "" : value.toString().replace("\"", "");
    }

    private static boolean inNamespaces(JsonWebToken token, String namespace) {
        Object prefixes = token.getClaim("namespace_prefixes");
        if (prefixes instanceof Iterable<?> values) {
            for (Object prefix : values) {
                String p = prefix.toString().replace("\"", "");
                if (!p.isEmpty() && namespace.startsWith(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Problem denied(String type, String error) {
        return new Problem(type, "Authorization Denied", 403,
                "Access to the requested data could not be authorized.", null, null, List.of(error));
    }
}
