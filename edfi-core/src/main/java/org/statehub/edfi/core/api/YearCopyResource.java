package org.statehub.edfi.core.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.service.YearCopies;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * A new school year from a previous one, for the gateway (docs/decisions/0020, part 5, step 20): {@code PUT
 * /internal/v1/yearCopies/{year}} with {@code {"fromYear": "2026"}} starts copying the previous year's carried items
 * (descriptors, school years, the SEA, ESCs, LEAs, schools) into the year, 202 with the copy's status; {@code GET}
 * reads the status (state, counts per resource, started and finished, errors as problem details; state {@code none}
 * when no copy into a year served was asked for). A year this service does not serve is 404 (so the gateway tells a
 * year a service has not learnt yet from one without a copy), a source year not served or the year itself 400, a
 * copy running already 409. The
 * gateway's {@code /admin/v1/schoolYears/{year}/copy} asks every data service. StateAdmin only.
 */
@Path("/internal/v1/yearCopies/{year}")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(
        "Copying a school year needs the hubAdministration grant (a claim set granting it, as StateAdmin does).")
@RequiredArgsConstructor
public class YearCopyResource {

    private final YearCopies copies;
    private final DataSpaces spaces;

    /** What the gateway sends: the year to copy from. */
    public record CopyBody(String fromYear) {}

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("year") String year, CopyBody body) {
        if (!spaces.serves(year)) {
            return notServed(year);
        }
        if (body == null) {
            return ProblemResponses.of(Problems.dataValidation(
                    java.util.Map.of("$", java.util.List.of("A body with fromYear is required."))));
        }
        return switch (copies.start(year, body.fromYear())) {
            case YearCopies.Started started ->
                Response.accepted(started.status()).build();
            case YearCopies.Running running ->
                ProblemResponses.of(Problems.conflict("A copy into school year " + year + " is running since "
                        + running.status().startedAt() + "; read its status, and ask again once it has ended."));
            case YearCopies.Refused refused -> ProblemResponses.of(refused.problem());
        };
    }

    @GET
    public Response status(@PathParam("year") String year) {
        if (!spaces.serves(year)) {
            return notServed(year);
        }
        return Response.ok(copies.status(year).orElseGet(() -> YearCopies.Status.none(year)))
                .build();
    }

    private Response notServed(String year) {
        return ProblemResponses.of(Problems.notFound("No school year " + year + " is served."));
    }
}
