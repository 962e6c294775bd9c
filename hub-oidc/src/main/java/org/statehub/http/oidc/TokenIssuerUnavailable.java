package org.statehub.http.oidc;

import io.quarkus.oidc.OIDCException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.statehub.http.Correlation;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/**
 * The one answer of every service that verifies tokens with quarkus-oidc (edfi-core's services and feed-service)
 * when a token cannot be checked because the OIDC provider (the gateway) cannot be reached: 503 problem details
 * with {@code Retry-After}, never a 401 for a token that may well be valid.
 */
public class TokenIssuerUnavailable {

    private static final Logger LOG = Logger.getLogger(TokenIssuerUnavailable.class);

    @ServerExceptionMapper
    public Response oidcUnavailable(OIDCException e) {
        LOG.errorf("Token verification unavailable (correlation id %s): %s", Correlation.current(), e.getMessage());
        return Response.fromResponse(ProblemResponses.of(Problems.unavailable("The caller's token cannot be checked "
                        + "right now: the token issuer is not reachable. Try again shortly.")))
                .header("Retry-After", "5")
                .build();
    }
}
