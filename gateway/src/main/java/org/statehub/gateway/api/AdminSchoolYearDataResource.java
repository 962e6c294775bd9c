package org.statehub.gateway.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.statehub.gateway.service.YearData;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.SchoolYears;
import org.statehub.http.StateAdminOnly;

/**
 * A school year's data in every data service (docs/decisions/0020, part 5; docs/ADMIN-GUIDE.md section 11), the
 * hub's own endpoint beside the Admin API's instances: {@code GET /admin/v1/schoolYears/{year}} answers whether the
 * year is served and how many items each service holds of it; {@code DELETE} drops them in every service, for a year
 * no ODS instance has (its instance deleted with {@code ?deleteData=false}, or before the hub dropped years, or a
 * drop that did not finish): 409 while the year is served or is one of {@code HUB_YEARS}. A text that is not a year
 * 2000-2099 is 404. Needs an administrator's token.
 */
@Path("/admin/v1/schoolYears/{year}")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
@RequiredArgsConstructor
public class AdminSchoolYearDataResource {

    private final YearData years;
    private final FanOutAnswers answers;

    /** A year's data: whether it is served, and each data service's items of it. */
    public record YearItems(String schoolYear, boolean served, Map<String, Long> items) {}

    @GET
    public Response items(@PathParam("year") String year, @Context HttpHeaders headers) {
        if (!SchoolYears.isYear(year)) {
            return notAYear(year);
        }
        String correlationId = FanOutAnswers.correlationId(headers);
        YearData.Items items = years.items(year, headers.getHeaderString(HttpHeaders.AUTHORIZATION), correlationId);
        return items.failure() != null
                ? answers.failed(items.failure(), correlationId)
                : Response.ok(new YearItems(year, years.served(year), items.byService()))
                        .build();
    }

    @DELETE
    public Response drop(@PathParam("year") String year, @Context HttpHeaders headers) {
        if (!SchoolYears.isYear(year)) {
            return notAYear(year);
        }
        if (years.served(year)) {
            return ProblemResponses.of(Problems.conflict("School year " + year + " is served: delete its ODS instance"
                    + " (DELETE /adminapi/v2/odsInstances/{id}?deleteData=true drops its data too)."));
        }
        if (years.configured(year)) {
            return ProblemResponses.of(Problems.conflict("School year " + year + " is one of HUB_YEARS: the services"
                    + " would make it again at their next start. Take it out of HUB_YEARS and restart first."));
        }
        String correlationId = FanOutAnswers.correlationId(headers);
        YearData.Items dropped = years.drop(year, headers.getHeaderString(HttpHeaders.AUTHORIZATION), correlationId);
        return dropped.failure() != null
                ? answers.failed(
                        dropped.failure(),
                        correlationId,
                        "School year " + year + "'s data is not dropped everywhere (dropped so far: " + each(dropped)
                                + "); ask again to finish.")
                : Response.ok(new YearItems(year, false, dropped.byService())).build();
    }

    /** Each service's items, for a problem's text: {@code "enrollment-service 3313, student-service 0"}. */
    static String each(YearData.Items items) {
        return items.byService().isEmpty()
                ? "none"
                : items.byService().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    private static Response notAYear(String year) {
        return ProblemResponses.of(Problems.notFound("'" + year + "' is not a school year 2000-2099."));
    }
}
