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
import org.statehub.gateway.service.ClientService;
import org.statehub.gateway.service.SigningKeys;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.TokenClaims;
import org.statehub.jdbc.StoreException;

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
        try {
            BearerCaller caller =
                    BearerCaller.of(request.getHeaderString(HttpHeaders.AUTHORIZATION), keys.get(), clients.get());
            if (caller.refused()) {
                request.abortWith(ProblemResponses.of(Problems.unauthenticated(caller.refusal())));
            } else if (!TokenClaims.of(caller.claims()::getClaimValue).stateAdmin()) {
                request.abortWith(
                        ProblemResponses.of(Problems.forbidden("Managing API clients needs a StateAdmin client.")));
            }
        } catch (StoreException e) {
            request.abortWith(Response.fromResponse(ProblemResponses.of(
                            Problems.unavailable("The client store cannot be reached. Try again shortly.")))
                    .header("Retry-After", "5")
                    .build());
        }
    }
}
