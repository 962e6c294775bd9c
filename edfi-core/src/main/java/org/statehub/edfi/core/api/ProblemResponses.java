package org.statehub.edfi.core.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.statehub.http.Problem;

/** Turns a problem into a response. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem, String correlationId) {
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(problem.withCorrelationId(correlationId)).build();
    }
}
