package org.statehub.gateway.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * Routes {@code /data/v3/ed-fi/{resource}/...} to the service that owns the resource (by the contract), through
 * the {@link Forwarder} (streams, status and headers passed through; 502/504/413/429 as problem details).
 */
@Path("/data/v3/ed-fi")
public class RouteResource {

    @Inject
    Forwarder forwarder;

    @Context
    HttpServerRequest request;

    @Inject
    ResourceCatalog catalog;

    @GET
    @Path("{resource}{rest: (/.*)?}")
    public Response get(@PathParam("resource") String resource, @Context HttpHeaders headers, @Context UriInfo uri) {
        return route("GET", resource, headers, uri, null);
    }

    @POST
    @Path("{resource}{rest: (/.*)?}")
    public Response post(
            @PathParam("resource") String resource,
            @Context HttpHeaders headers,
            @Context UriInfo uri,
            InputStream body) {
        return route("POST", resource, headers, uri, body);
    }

    @PUT
    @Path("{resource}{rest: (/.*)?}")
    public Response put(
            @PathParam("resource") String resource,
            @Context HttpHeaders headers,
            @Context UriInfo uri,
            InputStream body) {
        return route("PUT", resource, headers, uri, body);
    }

    @DELETE
    @Path("{resource}{rest: (/.*)?}")
    public Response delete(@PathParam("resource") String resource, @Context HttpHeaders headers, @Context UriInfo uri) {
        return route("DELETE", resource, headers, uri, null);
    }

    @PATCH
    @Path("{resource}{rest: (/.*)?}")
    public Response patch(
            @PathParam("resource") String resource,
            @Context HttpHeaders headers,
            @Context UriInfo uri,
            InputStream body) {
        return route("PATCH", resource, headers, uri, body);
    }

    @HEAD
    @Path("{resource}{rest: (/.*)?}")
    public Response head(@PathParam("resource") String resource, @Context HttpHeaders headers, @Context UriInfo uri) {
        return route("HEAD", resource, headers, uri, null);
    }

    @OPTIONS
    @Path("{resource}{rest: (/.*)?}")
    public Response options(
            @PathParam("resource") String resource, @Context HttpHeaders headers, @Context UriInfo uri) {
        return route("OPTIONS", resource, headers, uri, null);
    }

    private Response route(String method, String resourceName, HttpHeaders headers, UriInfo uri, InputStream body) {
        ResourceDefinition resource = catalog.find(resourceName);
        return forwarder.forward(
                method, resource == null ? null : resource.ownerService(), headers, uri, body, request);
    }
}
