package org.statehub.feed.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Problem-details answers of the feed admin API (the shape the Ed-Fi API uses). */
final class Problems {

    private Problems() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(String type, String title, int status, String detail, Map<String, List<String>> validationErrors,
                   List<String> errors) {
    }

    static Response invalid(Map<String, List<String>> errors) {
        return of(new Problem("urn:statehub:feed:validation", "Data Validation Failed", 400,
                "The request is not valid.", errors, null));
    }

    static Response notFound(String what) {
        return of(new Problem("urn:statehub:feed:not-found", "Not Found", 404, what, null, null));
    }

    static Response conflict(String detail) {
        return of(new Problem("urn:statehub:feed:conflict", "Conflict", 409, detail, null, null));
    }

    static Response forbidden() {
        return of(new Problem("urn:ed-fi:api:security:authorization", "Authorization Denied", 403,
                "Access to the requested data could not be authorized.", null,
                List.of("Feed administration needs a StateAdmin client.")));
    }

    static Response unavailable(String detail) {
        return Response.fromResponse(of(new Problem("urn:statehub:feed:unavailable", "Service Unavailable", 503,
                detail, null, null))).header("Retry-After", "10").build();
    }

    private static Response of(Problem problem) {
        return Response.status(problem.status()).type("application/problem+json").entity(problem).build();
    }
}
