package org.statehub.feed.api;

import io.quarkus.oidc.OIDCException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.statehub.http.Correlation;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/** The feed admin API's refusals: hub-http's problem details (the shape and types the Ed-Fi API uses). */
final class FeedProblems {

    private static final Logger LOG = Logger.getLogger(FeedProblems.class);

    private FeedProblems() {}

    static Response invalid(Map<String, List<String>> errors) {
        return ProblemResponses.of(Problems.dataValidation(errors));
    }

    static Response notFound(String what) {
        return ProblemResponses.of(Problems.notFound(what));
    }

    static Response conflict(String detail) {
        return ProblemResponses.of(Problems.conflict(detail));
    }

    static Response forbidden() {
        return ProblemResponses.of(Problems.forbidden("Feed administration needs a StateAdmin client."));
    }

    static Response unavailable(String detail) {
        return Response.fromResponse(ProblemResponses.of(Problems.unavailable(detail)))
                .header("Retry-After", "10")
                .build();
    }

    /** The token could not be checked because the OIDC provider (the gateway) cannot be reached. */
    public static class Mappers {

        @ServerExceptionMapper
        public Response oidcUnavailable(OIDCException e) {
            LOG.errorf("Token verification unavailable (correlation id %s): %s", Correlation.current(), e.getMessage());
            return Response.fromResponse(ProblemResponses.of(Problems.unavailable("The caller's token cannot be "
                            + "checked right now: the token issuer is not reachable. Try again shortly.")))
                    .header("Retry-After", "5")
                    .build();
        }
    }
}
