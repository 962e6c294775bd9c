package org.statehub.feed.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Lets a request to a {@link StateAdminOnly} endpoint through only when its token's claim set is
 * {@code StateAdmin} (read by {@link StateAdmin}); 403 problem details otherwise. The token itself was verified by
 * quarkus-oidc before (401 without a valid one).
 */
@Provider
@StateAdminOnly
@Priority(Priorities.AUTHORIZATION)
public class StateAdminFilter implements ContainerRequestFilter {

    @Inject
    JsonWebToken token;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!StateAdmin.is(token)) {
            request.abortWith(FeedProblems.forbidden());
        }
    }
}
