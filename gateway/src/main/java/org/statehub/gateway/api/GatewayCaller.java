package org.statehub.gateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.statehub.gateway.service.ClientService;
import org.statehub.gateway.service.SigningKeys;
import org.statehub.http.CallerClaims;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.TokenClaims;
import org.statehub.jdbc.StoreException;

/**
 * Who calls the gateway's own endpoints (the admin API, the client directory), for hub-http's
 * {@code StateAdminFilter}: the claims of a bearer token this gateway signed, of a client that is still active
 * ({@link BearerCaller}); 401 problem details otherwise, 503 while the client store cannot be reached.
 */
@ApplicationScoped
public class GatewayCaller implements CallerClaims {

    /** The 403's error of the admin API to a caller that is not a state admin ({@code @StateAdminOnly}). */
    static final String STATE_ADMIN_ONLY =
            "Managing API clients needs the hubAdministration grant (a claim set granting it, as StateAdmin does).";

    // looked up per request: the signing keys and the client store need the application's configuration
    @Inject
    Instance<SigningKeys> keys;

    @Inject
    Instance<ClientService> clients;

    @Override
    public Caller of(ContainerRequestContext request) {
        try {
            BearerCaller caller =
                    BearerCaller.of(request.getHeaderString(HttpHeaders.AUTHORIZATION), keys.get(), clients.get());
            if (caller.refused()) {
                return new Caller.Refused(ProblemResponses.of(Problems.unauthenticated(caller.refusal())));
            }
            return new Caller.Known(TokenClaims.of(caller.claims()::getClaimValue));
        } catch (StoreException e) {
            return new Caller.Refused(Response.fromResponse(ProblemResponses.of(
                            Problems.unavailable("The client store cannot be reached. Try again shortly.")))
                    .header("Retry-After", "5")
                    .build());
        }
    }
}
