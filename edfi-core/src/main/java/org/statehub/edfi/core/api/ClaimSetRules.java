package org.statehub.edfi.core.api;

import java.util.Optional;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.service.AccessScope;
import org.statehub.edfi.core.service.Relationships;
import org.statehub.http.ClientDirectory;
import org.statehub.http.Problem;
import org.statehub.http.Problems;
import org.statehub.http.TokenClaims;

/**
 * What a token's claim set allows, before any data is touched: {@code StateAdmin} everything,
 * {@code StateSystemReader} reads only, {@code SISVendor} descriptor writes only inside its namespace prefixes and
 * no writes of state-wide open resources (school years) or of state education agencies. Which items a
 * {@code SISVendor} client reaches is its {@link #scope}, applied by the engine ({@code Relationships}). The claims
 * are hub-http's {@link TokenClaims}, read once per request by {@link RequestCaller}.
 */
final class ClaimSetRules {

    static final String AUTHORIZATION = Problems.URN + ":security:authorization";

    private ClaimSetRules() {}

    /** The refusal of a write by this caller, if any. */
    static Optional<Problem> write(TokenClaims claims, ResourceDefinition resource, String descriptorNamespace) {
        String claimSet = claims.claimSet();
        switch (claimSet) {
            case "StateAdmin":
                return Optional.empty();
            case "StateSystemReader":
                return Optional.of(denied(AUTHORIZATION, "The 'StateSystemReader' claim set has read-only access."));
            case "SISVendor":
                if (!resource.descriptor()
                        && (Relationships.open(resource) || resource.has(ResourceDefinition.Rule.STATE_MAINTAINED))) {
                    return Optional.of(denied(
                            AUTHORIZATION,
                            "The '" + resource.resourceName() + "' resource is "
                                    + "maintained by the state; this client may read it only."));
                }
                if (resource.descriptor() && descriptorNamespace != null && !claims.inNamespaces(descriptorNamespace)) {
                    return Optional.of(denied(
                            AUTHORIZATION + ":namespace:access-denied:namespace-mismatch",
                            "The descriptor namespace '" + descriptorNamespace + "' is not one of the namespace "
                                    + "prefixes of this client."));
                }
                return Optional.empty();
            default:
                return Optional.of(denied(AUTHORIZATION, "The claim set '" + claimSet + "' is not known to this API."));
        }
    }

    /**
     * The items this caller reaches: all for state-wide claim sets; for {@code SISVendor} the education
     * organizations of its client in the gateway's client directory (decision 0009) and what relates to them.
     */
    static AccessScope scope(TokenClaims claims, ClientDirectory directory) {
        if (!TokenClaims.SIS_VENDOR.equals(claims.claimSet())) {
            return AccessScope.unrestricted(claims.subject());
        }
        return AccessScope.organizations(claims.subject(), directory.organizations(claims));
    }

    /** Denial of an item outside the caller's scope; says nothing about the item. */
    static Problem outOfScope() {
        return denied(
                AUTHORIZATION,
                "No relationship between this client's education organizations and the item "
                        + "authorizes this request.");
    }

    /** Whether this caller's descriptor writes are limited to its namespace prefixes. */
    static boolean limitedToNamespaces(TokenClaims claims) {
        return TokenClaims.SIS_VENDOR.equals(claims.claimSet());
    }

    /** The refusal of a read by this caller, if any. */
    static Optional<Problem> read(TokenClaims claims) {
        String claimSet = claims.claimSet();
        return switch (claimSet) {
            case "StateAdmin", "StateSystemReader", "SISVendor" -> Optional.empty();
            default -> Optional.of(denied(AUTHORIZATION, "The claim set '" + claimSet + "' is not known to this API."));
        };
    }

    private static Problem denied(String type, String error) {
        return Problems.forbidden(type, error);
    }
}
