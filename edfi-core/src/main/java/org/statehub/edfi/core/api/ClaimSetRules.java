package org.statehub.edfi.core.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.contract.security.ClaimSetMatrix;
import org.statehub.edfi.contract.security.Strategy;
import org.statehub.http.Problem;
import org.statehub.http.Problems;
import org.statehub.http.TokenClaims;

/**
 * What a token's claim set allows before any data is touched, read from the claim set's resolved matrix
 * ({@code ClaimSets}; docs/decisions/0020, part 3): an unknown claim set nothing, an action the claim set does not
 * grant on the resource nothing, and a descriptor written under {@code NamespaceBased} only inside the token's
 * namespace prefixes. Which items a granted action reaches is decided by the engine ({@code Relationships}). The
 * claims are hub-http's {@link TokenClaims}, read once per request by {@link RequestCaller}.
 */
final class ClaimSetRules {

    static final String AUTHORIZATION = Problems.URN + ":security:authorization";

    private static final List<Action> WRITES = List.of(Action.Create, Action.Update, Action.Delete);

    private ClaimSetRules() {}

    /** The refusal of a token whose claim set this API does not know. */
    static Optional<Problem> known(TokenClaims claims, Optional<ClaimSetMatrix> matrix) {
        return matrix.isPresent()
                ? Optional.empty()
                : Optional.of(
                        denied(AUTHORIZATION, "The claim set '" + claims.claimSet() + "' is not known to this API."));
    }

    /** The refusal of a read ({@code Read}, or {@code ReadChanges} too for change queries) of the resource, if any. */
    static Optional<Problem> read(
            TokenClaims claims, Optional<ClaimSetMatrix> matrix, ResourceDefinition resource, List<Action> actions) {
        Optional<Problem> unknown = known(claims, matrix);
        if (unknown.isPresent()) {
            return unknown;
        }
        for (Action action : actions) {
            if (matrix.get().of(resource.key(), action).isEmpty()) {
                return Optional.of(denied(
                        AUTHORIZATION,
                        "The claim set '" + claims.claimSet() + "' does not grant " + action.name() + " on the '"
                                + resource.resourceName() + "' resource."));
            }
        }
        return Optional.empty();
    }

    /**
     * The refusal of a write by this caller, if any: unless the claim set grants one of {@code actions} (a POST
     * may create or update), 403; a descriptor whose namespace ({@code descriptorNamespace}; null: none to check)
     * is outside the token's prefixes, when a granted action is namespace-based, 403 namespace-mismatch.
     */
    static Optional<Problem> write(
            TokenClaims claims,
            Optional<ClaimSetMatrix> matrix,
            ResourceDefinition resource,
            List<Action> actions,
            String descriptorNamespace) {
        Optional<Problem> unknown = known(claims, matrix);
        if (unknown.isPresent()) {
            return unknown;
        }
        List<List<Strategy>> granted = actions.stream()
                .flatMap(action -> matrix.get().of(resource.key(), action).stream())
                .toList();
        if (granted.isEmpty()) {
            return Optional.of(notGranted(claims.claimSet(), matrix.get(), resource));
        }
        if (resource.descriptor()
                && descriptorNamespace != null
                && namespaceBased(granted)
                && !claims.inNamespaces(descriptorNamespace)) {
            return Optional.of(denied(
                    AUTHORIZATION + ":namespace:access-denied:namespace-mismatch",
                    "The descriptor namespace '" + descriptorNamespace + "' is not one of the namespace "
                            + "prefixes of this client."));
        }
        return Optional.empty();
    }

    /** Whether the claim set writes this resource's items only in the token's namespaces. */
    static boolean namespaceBased(Optional<ClaimSetMatrix> matrix, ResourceDefinition resource, Action action) {
        return matrix.flatMap(m -> m.of(resource.key(), action))
                .map(List::of)
                .map(ClaimSetRules::namespaceBased)
                .orElse(false);
    }

    private static boolean namespaceBased(List<List<Strategy>> granted) {
        return granted.stream().anyMatch(strategies -> strategies.contains(Strategy.NamespaceBased));
    }

    /**
     * A write the claim set does not grant: a claim set that writes nothing is read-only; one that reads the
     * resource but may not write it reads what the state maintains.
     */
    private static Problem notGranted(String claimSet, ClaimSetMatrix matrix, ResourceDefinition resource) {
        boolean writesAnything = matrix.strategies().values().stream()
                .map(Map::keySet)
                .anyMatch(actions -> actions.stream().anyMatch(WRITES::contains));
        if (!writesAnything) {
            return denied(AUTHORIZATION, "The '" + claimSet + "' claim set has read-only access.");
        }
        if (matrix.of(resource.key(), Action.Read).isPresent()) {
            return denied(
                    AUTHORIZATION,
                    "The '" + resource.resourceName() + "' resource is maintained by the state; this client may "
                            + "read it only.");
        }
        return denied(
                AUTHORIZATION,
                "The claim set '" + claimSet + "' does not grant this request on the '" + resource.resourceName()
                        + "' resource.");
    }

    /** Denial of an item outside the caller's scope; says nothing about the item. */
    static Problem outOfScope() {
        return denied(
                AUTHORIZATION,
                "No relationship between this client's education organizations and the item "
                        + "authorizes this request.");
    }

    private static Problem denied(String type, String error) {
        return Problems.forbidden(type, error);
    }
}
