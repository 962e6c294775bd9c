package org.statehub.edfi.core.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.core.service.DroppedYears;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.SchoolYears;
import org.statehub.http.StateAdminOnly;

/**
 * A school year's data in this service, for the gateway (docs/decisions/0020, part 5): {@code GET
 * /internal/v1/dataSpaces/{year}} answers how many items of the service's resources the year holds
 * ({@code {"schoolYear", "items"}}, 0 when it has no schema); {@code DELETE} drops the year's schema with all its
 * data, once the gateway no longer serves the year (409 while it does, or while the year is one of the settings'),
 * answering the items dropped. The gateway's {@code DELETE /adminapi/v2/odsInstances/{id}?deleteData=true} and
 * {@code DELETE /admin/v1/schoolYears/{year}} ask every data service. A text that is not a year 2000-2099 is 404.
 */
@Path("/internal/v1/dataSpaces/{year}")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly("A school year's data needs the hubAdministration grant (a claim set granting it, as StateAdmin does).")
@RequiredArgsConstructor
public class DataSpaceResource {

    private final DroppedYears years;

    /** A year's items in this service. */
    public record Items(String schoolYear, long items) {}

    @GET
    public Response items(@PathParam("year") String year) {
        if (!SchoolYears.isYear(year)) {
            return notAYear(year);
        }
        return Response.ok(new Items(year, years.items(year))).build();
    }

    @DELETE
    public Response drop(@PathParam("year") String year) {
        if (!SchoolYears.isYear(year)) {
            return notAYear(year);
        }
        return switch (years.drop(year)) {
            case DroppedYears.Dropped dropped ->
                Response.ok(new Items(year, dropped.items())).build();
            case DroppedYears.Refused refused -> ProblemResponses.of(refused.problem());
        };
    }

    private static Response notAYear(String year) {
        return ProblemResponses.of(Problems.notFound("'" + year + "' is not a school year 2000-2099."));
    }
}
