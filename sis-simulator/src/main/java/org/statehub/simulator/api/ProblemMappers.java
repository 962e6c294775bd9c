package org.statehub.simulator.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problem details for refused requests, including those refused by JAX-RS itself (404, 405, 406, 415). */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problems.response(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response.StatusType status = e.getResponse() == null
                ? Response.Status.INTERNAL_SERVER_ERROR
                : e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOG.error("Request failed", e);
            return Problems.response(Problems.ofStatus(status, "The request failed."));
        }
        String detail = switch (status.getStatusCode()) {
            case 404 -> "There is no such resource.";
            case 405 -> "The method is not supported by this endpoint.";
            case 406 -> "The requested media type cannot be produced.";
            case 415 -> "The request's media type is not supported.";
            default -> "The request could not be processed.";
        };
        return Problems.response(Problems.ofStatus(status, detail));
    }
}
