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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.statehub.gateway.service.ChangeVersions;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.SchoolYears;

/**
 * {@code /changeQueries/v1} for the whole API: {@code availableChangeVersions} is made from every data service's
 * checkpoint ({@link ChangeVersions}), {@code changedResources} merges every service's answer. The per-resource
 * change queries ({@code ?minChangeVersion=}, {@code /deletes}, {@code /keyChanges}) are under
 * {@code /data/v3/ed-fi} and routed like every other data request. In a school year ({@code /{year}/changeQueries/v1},
 * {@link YearRouting}) each answer is the year's; the newest change version, asked with the gateway's own token, is
 * refused 403 to a client not granted the year (the services refuse the rest themselves).
 */
@Path("/changeQueries/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeQueriesRouteResource {

    @Inject
    ChangeVersions changeVersions;

    @Inject
    FanOutAnswers answers;

    @Context
    HttpServerRequest request;

    @GET
    @Path("availableChangeVersions")
    @Operation(hidden = true)
    public Response available(@Context HttpHeaders headers) {
        String correlationId = FanOutAnswers.correlationId(headers);
        String year = headers.getHeaderString(SchoolYears.HEADER);
        Response refused = answers.admit(headers, request, correlationId);
        if (refused == null) {
            refused = answers.yearRefusal(headers, year, correlationId);
        }
        return refused != null ? refused : answer(changeVersions.newest(year, correlationId), correlationId);
    }

    @GET
    @Path("changedResources")
    @Operation(hidden = true)
    public Response changedResources(@Context HttpHeaders headers, @Context UriInfo uri) {
        String correlationId = FanOutAnswers.correlationId(headers);
        Response refused = answers.admit(headers, request, correlationId);
        return refused != null
                ? refused
                : answer(
                        changeVersions.changedResources(
                                headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                                uri.getRequestUri().getRawQuery(),
                                headers.getHeaderString(SchoolYears.HEADER),
                                correlationId),
                        correlationId);
    }

    @GET
    @Path("{rest: .*}")
    @Operation(hidden = true)
    public Response other(@Context HttpHeaders headers) {
        return ProblemResponses.of(Problems.itemNotFound(), FanOutAnswers.correlationId(headers));
    }

    private Response answer(ChangeVersions.Outcome outcome, String correlationId) {
        return switch (outcome) {
            case ChangeVersions.Newest newest ->
                Response.ok(Map.of("oldestChangeVersion", 0L, "newestChangeVersion", newest.changeVersion()))
                        .header("correlation-id", correlationId)
                        .build();
            case ChangeVersions.Merged merged ->
                Response.ok(merged.resources())
                        .header("correlation-id", correlationId)
                        .build();
            case ChangeVersions.Failed failed -> answers.failed(failed.failure(), correlationId);
            case ChangeVersions.Busy busy ->
                Response.fromResponse(ProblemResponses.of(
                                Problems.unavailable(
                                        "Writes are in progress; the change versions will be available in a moment.",
                                        "No change-version checkpoint could be made in time."),
                                correlationId))
                        .header("Retry-After", 1)
                        .build();
        };
    }
}
