package org.statehub.edfi.core.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;

import org.statehub.edfi.core.service.QueryService;

/** {@code /changeQueries/v1/availableChangeVersions}: the range of change versions a client can ask for. */
@Path("/changeQueries/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeQueriesResource {

    /** The body of availableChangeVersions. */
    public record AvailableChangeVersions(long oldestChangeVersion, long newestChangeVersion) {
    }

    @Inject
    QueryService queries;

    /**
     * Which resources changed in a window of change versions (an extension of the Ed-Fi change queries): a
     * consumer of many resources asks this first and pages only those.
     */
    @GET
    @Path("changedResources")
    public jakarta.ws.rs.core.Response changedResources(
            @jakarta.ws.rs.QueryParam("minChangeVersion") Long min,
            @jakarta.ws.rs.QueryParam("maxChangeVersion") Long max) throws SQLException {
        long from = min == null ? 0 : min;
        long to = max == null ? Long.MAX_VALUE : max;
        if (from < 0 || to < from) {
            return ProblemResponses.of(org.statehub.edfi.core.problem.Problems.parameterValidation(java.util.List.of(
                    "minChangeVersion and maxChangeVersion must be non-negative and in order.")), correlation.id());
        }
        return jakarta.ws.rs.core.Response.ok(queries.changedResources(from, to)).build();
    }

    @Inject
    Correlation correlation;

    @GET
    @Path("availableChangeVersions")
    public AvailableChangeVersions available() throws SQLException {
        long newest = queries.newestChangeVersion();
        return new AvailableChangeVersions(0, newest);
    }
}
