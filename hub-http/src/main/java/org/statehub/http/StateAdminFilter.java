package org.statehub.http;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets a request to a {@link StateAdminOnly} endpoint through only when the service's {@link CallerClaims} knows its
 * caller and the caller's claim set administers the hub ({@link Administration}, by what it grants): the refusal of {@link CallerClaims} (401, 503) or a 403
 * problem with the endpoint's {@link StateAdminOnly#value} otherwise. The one check of a state administrator in the
 * hub.
 */
@Provider
@StateAdminOnly("")
@Priority(Priorities.AUTHORIZATION)
public class StateAdminFilter implements ContainerRequestFilter {

    // looked up per request: filters are created while the application starts
    @Inject
    Instance<CallerClaims> callers;

    @Inject
    Instance<Administration> administration;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        switch (callers.get().of(request)) {
            case CallerClaims.Caller.Refused refused -> request.abortWith(refused.answer());
            case CallerClaims.Caller.Known known -> {
                if (!administration.get().administers(known.claims())) {
                    request.abortWith(ProblemResponses.of(Problems.forbidden(refusal())));
                }
            }
        }
    }

    /** The error of the endpoint's {@link StateAdminOnly}, on its method or else its class. */
    private String refusal() {
        StateAdminOnly only = resource.getResourceMethod().getAnnotation(StateAdminOnly.class);
        if (only == null) {
            only = resource.getResourceClass().getAnnotation(StateAdminOnly.class);
        }
        return only.value();
    }
}
