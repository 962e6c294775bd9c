package org.statehub.gateway.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.UrlWords;
import org.statehub.http.RouteVocabulary;

/**
 * The words of every path the gateway serves, so that hub-http's edge gives its routing, authorization and the
 * services it forwards to the canonical path whatever the case a client sent (as the ODS/API matches its URLs):
 * the contract's Ed-Fi paths ({@link UrlWords}) and the gateway's own ({@code /oauth/token},
 * {@code /metadata/...}, {@code /admin/v1/clients/...}, {@code /health}), and the first word of the services' own
 * APIs ({@code /feed}, {@code /conflicts}), whose further words the service behind matches itself. Ids are never
 * changed.
 */
public class GatewayRoutes {

    /** The gateway's own paths, besides the contract's. */
    static final List<String> OWN = List.of(
            "oauth/token",
            "oauth/token_info",
            "metadata/data/v3/dependencies",
            "metadata/data/v3/{project}/swagger.json",
            "metadata/openapi.json",
            "metadata",
            "metadata/data/v3/profiles/*/swagger.json",
            "metadata/specifications/profiles/*/resources-spec.json",
            "adminapi/connect/token",
            "adminapi/connect/register",
            "adminapi/v2/vendors",
            "adminapi/v2/vendors/*",
            "adminapi/v2/vendors/*/applications",
            "adminapi/v2/applications",
            "adminapi/v2/applications/*",
            "adminapi/v2/applications/*/reset-credential",
            "adminapi/v2/claimSets",
            "adminapi/v2/claimSets/*",
            "adminapi/v2/claimSets/*/export",
            "adminapi/v2/claimSets/*/resourceClaimActions",
            "adminapi/v2/claimSets/*/resourceClaimActions/*",
            "adminapi/v2/claimSets/*/resourceClaimActions/*/overrideAuthorizationStrategy",
            "adminapi/v2/claimSets/*/resourceClaimActions/*/resetAuthorizationStrategies",
            "adminapi/v2/profiles",
            "adminapi/v2/profiles/*",
            "adminapi/v2/actions",
            "adminapi/v2/authorizationStrategies",
            "adminapi/v2/resourceClaims",
            "adminapi/v2/resourceClaims/*",
            "admin/v1/clients",
            "admin/v1/clients/*",
            "admin/v1/clients/*/{clientSegment}",
            "admin/v1/profiles",
            "admin/v1/profiles/*",
            "internal/v1/clients/*",
            "internal/v1/profiles/*",
            "internal/v1/claimSets/*",
            ".well-known/{wellKnown}",
            "health",
            "feed/**",
            "conflicts/**");

    /** The vocabulary of the contract's resources and the gateway's own paths. */
    public static RouteVocabulary of(UrlWords words) {
        RouteVocabulary.Builder builder = RouteVocabulary.builder()
                .words("clientSegment", List.of("secret", "rateLimit", "educationOrganizationIds", "profiles"))
                .words("wellKnown", List.of("jwks.json", "openid-configuration"));
        words.sets().forEach(builder::words);
        words.routes().forEach(builder::route);
        OWN.forEach(builder::route);
        return builder.queryNames(words.queryNames()).build();
    }

    @Produces
    @Singleton
    RouteVocabulary vocabulary(ResourceCatalog catalog) {
        return of(UrlWords.of(catalog));
    }
}
