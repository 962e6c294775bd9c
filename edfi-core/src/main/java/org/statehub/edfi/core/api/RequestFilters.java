package org.statehub.edfi.core.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import java.util.regex.Pattern;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.statehub.edfi.core.config.EdFiConfig;
import org.statehub.http.Problems;
import org.statehub.edfi.core.store.Ids;

/**
 * Runs before routing: takes the correlation id (header {@code correlation-id} or query {@code correlationId}),
 * puts it in the log context, and turns away bodies over the size limit before they are read.
 */
public class RequestFilters {

    public static final String HEADER = "correlation-id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Inject
    Correlation correlation;

    @Inject
    EdFiConfig config;

    @ServerRequestFilter(preMatching = true)
    public Response before(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id == null) {
            id = request.getUriInfo().getQueryParameters().getFirst("correlationId");
        }
        if (id == null || !SAFE.matcher(id).matches()) {
            id = Ids.format(Ids.next());
        }
        correlation.set(id);
        MDC.put("correlationId", id);
        String length = request.getHeaderString("Content-Length");
        if (length != null) {
            long limit = request.getUriInfo().getPath().startsWith("/bulk/") ? config.bulkMaxBodyBytes()
                    : config.maxBodyBytes();
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

    @ServerResponseFilter
    public void after(ContainerResponseContext response) {
        if (correlation.id() != null) {
            response.getHeaders().putSingle(HEADER, correlation.id());
        }
        MDC.remove("correlationId");
    }
}
