package org.statehub.gateway.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
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
 * Routes bulk upserts ({@code POST /bulk/v1/ed-fi/{resource}}, see docs/API.md) to the service that owns the
 * resource, like {@link RouteResource} does the Ed-Fi resources.
 */
@Path("/bulk/v1/ed-fi")
public class BulkRouteResource {

    @Inject
    Forwarder forwarder;

    @Context
    HttpServerRequest request;

    @Inject
    ResourceCatalog catalog;

    @POST
    @Path("{resource}")
    public Response post(
            @PathParam("resource") String resourceName,
            @Context HttpHeaders headers,
            @Context UriInfo uri,
            InputStream body) {
        ResourceDefinition resource = catalog.find(resourceName);
        return forwarder.forward(
                "POST", resource == null ? null : resource.ownerService(), headers, uri, body, request);
    }
}
