package org.statehub.gateway.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.statehub.gateway.service.AccessLog;

/**
 * {@code GET /audit/v1/accesses}: the access log of student records of every data service, merged newest first
 * ({@link AccessLog}); the filters ({@code clientId}, {@code resource}, {@code id}, {@code since}, {@code limit})
 * and the StateAdmin check are each service's.
 */
@Path("/audit/v1/accesses")
@Produces(MediaType.APPLICATION_JSON)
public class AccessLogRouteResource {

    /** The services' default number of entries. */
    private static final int DEFAULT_LIMIT = 100;

    @Inject
    AccessLog accessLog;

    @Inject
    FanOutAnswers answers;

    @Context
    HttpServerRequest request;

    @GET
    @Operation(hidden = true)
    public Response accesses(@Context HttpHeaders headers, @Context UriInfo uri) {
        String correlationId = FanOutAnswers.correlationId(headers);
        Response refused = answers.admit(headers, request, correlationId);
        if (refused != null) {
            return refused;
        }
        int limit = DEFAULT_LIMIT;
        try {
            String asked = uri.getQueryParameters().getFirst("limit");
            limit = asked == null ? DEFAULT_LIMIT : Integer.parseInt(asked.trim());
        } catch (NumberFormatException e) {
            // the services answer 400 for it
        }
        return switch (accessLog.accesses(
                headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                uri.getRequestUri().getRawQuery(),
                Math.max(limit, 0),
                correlationId)) {
            case AccessLog.Entries entries ->
                Response.ok(entries.entries().toString())
                        .header("correlation-id", correlationId)
                        .build();
            case AccessLog.Failed failed -> answers.failed(failed.failure(), correlationId);
        };
    }
}
