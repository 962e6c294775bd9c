package org.statehub.http.oidc;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.statehub.http.CallerClaims;
import org.statehub.http.TokenClaims;

/**
 * The caller of this request in a service that verifies tokens with quarkus-oidc: the claims of its verified token,
 * read once by hub-http's {@link TokenClaims} ({@link TokenClaims#NONE} without a token). quarkus-oidc has answered
 * 401 to a token it could not verify before any endpoint or filter reads them.
 */
@RequestScoped
public class VerifiedCaller implements CallerClaims {

    @Inject
    JsonWebToken token;

    private TokenClaims claims;

    /** The claims of this request's token. */
    public TokenClaims claims() {
        if (claims == null) {
            claims = TokenClaims.of(token == null ? null : token::getClaim);
        }
        return claims;
    }

    @Override
    public Caller of(ContainerRequestContext request) {
        return new Caller.Known(claims());
    }
}
