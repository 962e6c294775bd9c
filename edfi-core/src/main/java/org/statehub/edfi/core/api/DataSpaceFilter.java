package org.statehub.edfi.core.api;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.dataspace.RequestDataSpace;
import org.statehub.http.Administration;
import org.statehub.http.ClientDirectory;
import org.statehub.http.Correlation;
import org.statehub.http.Problem;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.TokenClaims;
import org.statehub.http.oidc.VerifiedCaller;

/**
 * Picks the data space of a request to {@code /data}, {@code /bulk} or {@code /changeQueries} from its
 * {@code Hub-Data-Space} header (docs/decisions/0020, part 5): a school year this service serves ({@link
 * DataSpaces#serves}: one of its settings, or one the gateway serves since, made ready at its first request, 503 with
 * Retry-After while that takes longer than {@code hub.data-spaces.ready-wait}; 404 otherwise, and
 * 404 for a request naming none when the service keeps years apart), taken only from a verified token (401) whose
 * client the directory grants that year, or an administrator's ({@link Administration}), which reaches every year (403 otherwise).
 * Every statement of the request then runs in the year's schema ({@code DataSpaceInterceptor}).
 */
public class DataSpaceFilter {

    // looked up per request: filters are created while the application starts, before its configuration
    @Inject
    Instance<DataSpaces> dataSpaces;

    @Inject
    RequestDataSpace requestSpace;

    @Inject
    VerifiedCaller caller;

    @Inject
    ClientDirectory directory;

    @Inject
    Administration administration;

    @Inject
    Correlation correlation;

    @ServerRequestFilter
    public Response dataSpace(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath().toLowerCase(Locale.ROOT);
        if (!path.startsWith("/data/") && !path.startsWith("/bulk/") && !path.startsWith("/changequeries/")) {
            return null;
        }
        DataSpaces spaces = dataSpaces.get();
        boolean enabled = spaces.years().enabled();
        String year = request.getHeaderString(DataSpaces.HEADER);
        if (year == null || year.isBlank()) {
            return enabled
                    ? refuse(Problems.notFound("This API keeps each school year apart: name the year in the URL"
                            + " (/{year}/data/v3/...) or the " + DataSpaces.HEADER + " header. Years served: "
                            + String.join(", ", spaces.served()) + "."))
                    : null;
        }
        year = year.trim();
        boolean served;
        try {
            served = spaces.serves(year);
        } catch (DataSpaces.NotReadyException e) {
            return notReady(e);
        }
        if (!served) {
            return refuse(Problems.notFound(
                    enabled
                            ? "No school year " + year + " is served. Years served: "
                                    + String.join(", ", spaces.served()) + "."
                            : "This API keeps no school years apart: leave the year out."));
        }
        Optional<Problem> refused = refusal(caller.claims(), year, administration, directory);
        if (refused.isPresent()) {
            return refuse(refused.get());
        }
        requestSpace.set(year);
        return null;
    }

    /**
     * Why the caller of these claims may not name {@code year} (a year served): 401 without a verified token, 403
     * unless its claim set administers the hub or the directory grants its client the year; empty when it may. Also
     * conflict-service's rule for its worklists of a year.
     */
    public static Optional<Problem> refusal(
            TokenClaims claims, String year, Administration administration, ClientDirectory directory) {
        if (claims.subject().isEmpty()) {
            return Optional.of(Problems.unauthenticated("A school year is named only with a valid token."));
        }
        // the years a client is granted are the directory entry's, resolved by the gateway from its instances
        if (!administration.administers(claims)
                && !directory.dataSpaces(claims.subject()).contains(year)) {
            return Optional.of(Problems.forbidden("The client is not granted school year " + year + "."));
        }
        return Optional.empty();
    }

    /**
     * A year the gateway serves that this service is still making ready (its first request, or one after a failed
     * making): 503 with Retry-After, for this filter and every resource that asks {@link DataSpaces#serves}.
     */
    @ServerExceptionMapper
    public Response notReady(DataSpaces.NotReadyException e) {
        return Response.fromResponse(refuse(Problems.unavailable(e.getMessage())))
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }

    /** How long a caller of a year being made ready is told to wait. */
    static final int RETRY_AFTER_SECONDS = 5;

    private Response refuse(Problem problem) {
        return ProblemResponses.of(problem, correlation.id());
    }
}
