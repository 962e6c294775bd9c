package org.statehub.conflict.api;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Takes each worklist request into its school year before its resource runs ({@link YearScope}). */
public class YearFilter {

    // looked up per request: filters are created while the application starts, before its configuration
    @Inject
    Instance<YearScope> scope;

    @ServerRequestFilter
    public Response schoolYear(ContainerRequestContext request) {
        return scope.get().schoolYear(request);
    }
}
