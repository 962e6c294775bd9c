package org.statehub.feed.api;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/** The feed admin API's refusals: hub-http's problem details (the shape and types the Ed-Fi API uses). */
final class FeedProblems {

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

    /** The 403's error of feed administration to a caller that is not a state admin ({@code @StateAdminOnly}). */
    static final String STATE_ADMIN_ONLY = "Feed administration needs a StateAdmin client.";

    static Response forbidden() {
        return ProblemResponses.of(Problems.forbidden(STATE_ADMIN_ONLY));
    }

    static Response unavailable(String detail) {
        return Response.fromResponse(ProblemResponses.of(Problems.unavailable(detail)))
                .header("Retry-After", "10")
                .build();
    }
}
