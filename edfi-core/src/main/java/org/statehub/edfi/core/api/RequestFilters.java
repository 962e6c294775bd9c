package org.statehub.edfi.core.api;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.statehub.edfi.core.config.EdFiConfig;
import org.statehub.http.Correlation;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/**
 * Runs before routing: turns away bodies over this service's size limit for the path (bulk or single) before they
 * are read. (The correlation id and the HTTP-level limits are set by hub-http's {@code HttpEdge}.)
 */
public class RequestFilters {

    @Inject
    Correlation correlation;

    // looked up per request: filters are created while the application starts, before its configuration
    @Inject
    Instance<EdFiConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response before(ContainerRequestContext request) {
        String id = correlation.id();
        String length = request.getHeaderString("Content-Length");
        if (length != null) {
            long limit = request.getUriInfo().getPath().startsWith("/bulk/")
                    ? config.get().bulkMaxBodyBytes()
                    : config.get().maxBodyBytes();
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    return ProblemResponses.of(Problems.payloadTooLarge(limit), id);
                }
            } catch (NumberFormatException e) {
                return ProblemResponses.of(Problems.badRequest("The Content-Length header is not a number."), id);
            }
        }
        return null;
    }
}
