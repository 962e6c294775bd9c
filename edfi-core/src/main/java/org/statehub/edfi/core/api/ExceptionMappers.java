package org.statehub.edfi.core.api;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.statehub.http.Correlation;
import org.statehub.http.ProblemMappers;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/**
 * What edfi-core's services map beyond hub-http's {@link ProblemMappers} (which answer unknown routes, methods,
 * media types, bodies, tokens, database failures and the last-resort 500): a token issuer that cannot be reached.
 */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    /** The token could not be checked because the OIDC provider (the gateway) cannot be reached. */
    @ServerExceptionMapper
    public Response oidcUnavailable(io.quarkus.oidc.OIDCException e) {
        LOG.errorf("Token verification unavailable (correlation id %s): %s", Correlation.current(), e.getMessage());
        return Response.fromResponse(ProblemResponses.of(Problems.unavailable("The caller's token cannot be checked "
                        + "right now: the token issuer is not reachable. Try again shortly.")))
                .header("Retry-After", "5")
                .build();
    }
}
