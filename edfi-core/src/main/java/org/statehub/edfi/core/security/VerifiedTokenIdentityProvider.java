package org.statehub.edfi.core.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Answers a bearer token from {@link VerifiedTokens} when it was verified before; otherwise passes (a null
 * identity), and quarkus-oidc verifies it as usual. Tried before quarkus-oidc's provider.
 */
@ApplicationScoped
public class VerifiedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    @Inject
    VerifiedTokens verified;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return 1000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        SecurityIdentity identity = verified.find(request.getToken().getToken());
        if (identity == null) {
            return Uni.createFrom().nullItem();
        }
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        if (routing != null) {
            builder.addAttribute(RoutingContext.class.getName(), routing);
        }
        return Uni.createFrom().item(builder.build());
    }
}
