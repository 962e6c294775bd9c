package org.statehub.edfi.core.api;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.statehub.edfi.core.config.EdFiConfig;
import org.statehub.http.Correlation;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/**
 * Runs before routing: turns away bodies over this service's size limit for the path (bulk or single) before they
 * are read, and lets a GET of {@code /data} whose {@code Accept} names an Ed-Fi API profile reach its resource
 * method (see {@link #profileAccept}). (The correlation id and the HTTP-level limits are set by hub-http's
 * {@code HttpEdge}.)
 */
public class RequestFilters {

    /** The request's own {@code Accept} when it named a profile media type, kept in the routing context. */
    static final String PROFILE_ACCEPT = "statehub.profile-accept";

    /**
     * The {@code Accept} header of a request that named a profile media type (docs/decisions/0020, part 2), or null.
     * The filter put it aside and made the request's {@code Accept} {@code application/json}, since the resource
     * methods produce JSON and would otherwise answer 406 before {@link ProfileResolution} could judge it.
     */
    static String profileAccept(RoutingContext routing) {
        return routing == null ? null : routing.get(PROFILE_ACCEPT);
    }

    @Inject
    Correlation correlation;

    // looked up per request: filters are created while the application starts, before its configuration
    @Inject
    Instance<EdFiConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response before(ContainerRequestContext request, RoutingContext routing) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null
                && "GET".equals(request.getMethod())
                && request.getUriInfo().getPath().startsWith("/data/")
                && accept.toLowerCase(Locale.ROOT).contains(ProfileResolution.PREFIX)) {
            routing.put(PROFILE_ACCEPT, accept);
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
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
