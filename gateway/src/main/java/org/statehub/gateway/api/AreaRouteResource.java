package org.statehub.gateway.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Routes the services' own APIs through the one entry point: {@code /feed/v1/...} (feed administration, and the
 * push endpoint of vendors that push) to feed-service, {@code /conflicts/v1/...} (the duplicates worklist) to
 * conflict-service. Each service checks the token itself.
 */
@Path("/{area: feed|conflicts}")
public class AreaRouteResource {

    /** The service each area belongs to (names of {@code gateway.services}). */
    static final java.util.Map<String, String> SERVICES =
            java.util.Map.of("feed", "feed-service", "conflicts", "conflict-service");

    @Inject
    Forwarder forwarder;

    @Context
    HttpServerRequest request;

    @GET
    @Path("{rest: .*}")
    @Operation(hidden = true)
    public Response get(@PathParam("area") String area, @Context HttpHeaders headers, @Context UriInfo uri) {
        return forwarder.forward("GET", SERVICES.get(area), headers, uri, null, request);
    }

    @POST
    @Path("{rest: .*}")
    @Operation(hidden = true)
    public Response post(
            @PathParam("area") String area, @Context HttpHeaders headers, @Context UriInfo uri, InputStream body) {
        return forwarder.forward("POST", SERVICES.get(area), headers, uri, body, request);
    }

    @PUT
    @Path("{rest: .*}")
    @Operation(hidden = true)
    public Response put(
            @PathParam("area") String area, @Context HttpHeaders headers, @Context UriInfo uri, InputStream body) {
        return forwarder.forward("PUT", SERVICES.get(area), headers, uri, body, request);
    }

    @DELETE
    @Path("{rest: .*}")
    @Operation(hidden = true)
    public Response delete(@PathParam("area") String area, @Context HttpHeaders headers, @Context UriInfo uri) {
        return forwarder.forward("DELETE", SERVICES.get(area), headers, uri, null, request);
    }
}
