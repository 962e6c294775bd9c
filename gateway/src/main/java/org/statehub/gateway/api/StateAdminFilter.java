package org.statehub.gateway.api;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.sql.SQLException;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.statehub.gateway.service.ClientService;
import org.statehub.gateway.service.SigningKeys;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/**
 * Lets a request to a {@link StateAdminOnly} endpoint through only with a bearer token this gateway signed, of a
 * client that is still active and has the {@code StateAdmin} claim set: 401 or 403 problem details otherwise.
 */
@Provider
@StateAdminOnly
@Priority(Priorities.AUTHORIZATION)
public class StateAdminFilter implements ContainerRequestFilter {

    // looked up per request: filters are created while the application starts, before its configuration
    @Inject
    Instance<SigningKeys> keys;

    @Inject
    Instance<ClientService> clients;

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            request.abortWith(ProblemResponses.of(Problems.unauthenticated("Authorization header is missing.")));
            return;
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (!parts[0].equalsIgnoreCase("Bearer")) {
            request.abortWith(ProblemResponses.of(Problems.unauthenticated("Unknown Authorization header scheme.")));
            return;
        }
        if (parts.length < 2 || parts[1].isBlank()) {
            request.abortWith(ProblemResponses.of(Problems.unauthenticated(
                    "Missing Authorization header bearer token value.")));
            return;
        }
        JwtClaims claims = keys.get().verify(parts[1].trim());
        try {
            if (claims == null || clients.get().find(claims.getSubject()).filter(c -> !c.revoked()).isEmpty()) {
                request.abortWith(ProblemResponses.of(Problems.unauthenticated("Invalid token")));
            } else if (!"StateAdmin".equals(claims.getClaimValueAsString("claim_set"))) {
                request.abortWith(ProblemResponses.of(Problems.forbidden(
                        "Managing API clients needs a StateAdmin client.")));
            }
        } catch (MalformedClaimException e) {
            request.abortWith(ProblemResponses.of(Problems.unauthenticated("Invalid token")));
        } catch (SQLException e) {
            request.abortWith(Response.fromResponse(ProblemResponses.of(Problems.unavailable(
                    "The client store cannot be reached. Try again shortly."))).header("Retry-After", "5").build());
        }
    }
}
