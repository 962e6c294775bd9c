package org.statehub.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Turns a problem into a JAX-RS response: {@code application/problem+json}, the correlation id in body and header. */
public final class ProblemResponses {

    /** The media type of every error answer (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";

    public static final MediaType PROBLEM_JSON_TYPE = MediaType.valueOf(PROBLEM_JSON);

    private ProblemResponses() {}

    public static Response of(Problem problem, String correlationId) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(PROBLEM_JSON_TYPE)
                .entity(problem.withCorrelationId(correlationId));
        if (correlationId != null) {
            response.header(Correlation.HEADER, correlationId);
        }
        return response.build();
    }

    /** 200 with the value, or the 404 problem (item not found) when there is none. */
    public static Response okOrNotFound(Optional<?> value) {
        return value.map(v -> Response.ok(v).build()).orElseGet(() -> of(Problems.itemNotFound()));
    }

    /** The problem with the current request's correlation id. */
    public static Response of(Problem problem) {
        return of(problem, Correlation.current());
    }
}
