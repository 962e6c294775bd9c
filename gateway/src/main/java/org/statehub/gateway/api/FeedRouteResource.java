package org.statehub.gateway.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Routes {@code /feed/v1/...} (feed administration, and the push endpoint of vendors that push) to feed-service,
 * so vendors and administrators use the one entry point. feed-service checks the token itself.
 */
@Path("/feed")
public class FeedRouteResource {

    static final String SERVICE = "feed-service";

    @Inject
    Forwarder forwarder;

    @Context
    HttpServerRequest request;

    @GET
    @Path("{rest: .*}")
    @Operation(hidden = true)
    public Response get(@Context HttpHeaders headers, @Context UriInfo uri) {
        return forwarder.forward("GET", SERVICE, headers, uri, null, request);
    }

    @POST
    @Path("{rest: .*}")
    @Operation(hidden = true)
    public Response post(@Context HttpHeaders headers, @Context UriInfo uri, InputStream body) {
        return forwarder.forward("POST", SERVICE, headers, uri, body, request);
    }

    @PUT
    @Path("{rest: .*}")
    @Operation(hidden = true)
    public Response put(@Context HttpHeaders headers, @Context UriInfo uri, InputStream body) {
        return forwarder.forward("PUT", SERVICE, headers, uri, body, request);
    }

    @DELETE
    @Path("{rest: .*}")
    @Operation(hidden = true)
    public Response delete(@Context HttpHeaders headers, @Context UriInfo uri) {
        return forwarder.forward("DELETE", SERVICE, headers, uri, null, request);
    }
}
