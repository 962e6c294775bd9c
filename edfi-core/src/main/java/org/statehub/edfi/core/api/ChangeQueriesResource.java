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

    @GET
    @Path("availableChangeVersions")
    public AvailableChangeVersions available() throws SQLException {
        long newest = queries.newestChangeVersion();
        return new AvailableChangeVersions(0, newest);
    }
}
