package org.statehub.edfi.core.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.contract.security.ClaimSetMatrix;
import org.statehub.edfi.core.service.AccessScope;
import org.statehub.edfi.core.service.ClaimSets;
import org.statehub.edfi.core.service.ClaimedOrganizations;
import org.statehub.http.ClientDirectory;
import org.statehub.http.Problem;
import org.statehub.http.TokenClaims;
import org.statehub.http.oidc.VerifiedCaller;

/**
 * The caller of this request as the engine's resources see it, its token's claims as hub-oidc's
 * {@link VerifiedCaller} read them: the items it reaches ({@link #scope}), its client id in the access log, its
 * assigned profiles, and the claim set's refusal of a read. Administrative endpoints are hub-http's
 * {@code @StateAdminOnly}. What a write is checked against is
 * {@link WritePreflight}.
 */
@RequestScoped
public class RequestCaller {

    @Inject
    VerifiedCaller verified;

    @Inject
    ClientDirectory directory;

    @Inject
    ClaimedOrganizations claimed;

    @Inject
    AssignedProfiles assigned;

    @Inject
    ClaimSets claimSets;

    private AccessScope scope;

    private Optional<ClaimSetMatrix> matrix;

    private List<AssignedProfiles.Assigned> profiles;

    /** The token's claims ({@link TokenClaims#NONE} without a token). */
    TokenClaims claims() {
        return verified.claims();
    }

    /**
     * What this caller reaches (its organizations from the client directory, decision 0009; many of them stored once
     * and bound by key, decision 0018).
     */
    AccessScope scope() {
        if (scope == null) {
            ClaimSetMatrix grants = matrix().orElseGet(() -> new ClaimSetMatrix(claims().claimSet(), Map.of()));
            AccessScope granted = AccessScope.of(claims().subject(), Set.of(), grants);
            scope = (granted.unrestricted()
                            ? granted
                            : claimed.keyed(
                                    AccessScope.of(claims().subject(), directory.organizations(claims()), grants)))
                    .withNamespaces(claims().namespacePrefixes());
        }
        return scope;
    }

    /** What the token's claim set grants ({@link ClaimSets}); empty for a claim set this API does not know. */
    Optional<ClaimSetMatrix> matrix() {
        if (matrix == null) {
            matrix = claimSets.matrix(claims().claimSet());
        }
        return matrix;
    }

    /** The caller's client id as the access log records it ("anonymous" without one). */
    String clientId() {
        return claims().subject().isEmpty() ? "anonymous" : claims().subject();
    }

    /** The profiles assigned to the caller's client; none for a token without a client id. */
    List<AssignedProfiles.Assigned> profiles() {
        if (profiles == null) {
            profiles = claims().subject().isEmpty() ? List.of() : assigned.of(claims().subject());
        }
        return profiles;
    }

    /** The refusal of a token whose claim set this API does not know, if so. */
    Optional<Problem> known() {
        return ClaimSetRules.known(claims(), matrix());
    }

    /** The claim set's refusal of a read of the resource ({@code Read}, and {@code ReadChanges} if given), if any. */
    Optional<Problem> read(ResourceDefinition resource, Action... actions) {
        return ClaimSetRules.read(claims(), matrix(), resource, List.of(actions));
    }
}
