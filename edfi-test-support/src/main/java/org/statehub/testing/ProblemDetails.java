package org.statehub.testing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.ValidatableResponse;

/** The one check of a problem-details answer, for every service's tests. */
public final class ProblemDetails {

    private ProblemDetails() {}

    /**
     * {@code status}, {@code application/problem+json}, an Ed-Fi {@code type}, a title, the same status in the body,
     * a detail and a correlation id.
     */
    public static ValidatableResponse isProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", startsWith("urn:ed-fi:api"))
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("detail", notNullValue())
                .body("correlationId", notNullValue());
    }

    /** {@code status} with this problem {@code type}. */
    public static ValidatableResponse isProblemOfType(ValidatableResponse response, int status, String type) {
        return response.statusCode(status).body("type", equalTo(type));
    }

    /** {@code status} with this problem {@code type} and {@code detail}. */
    public static ValidatableResponse isProblem(ValidatableResponse response, int status, String type, String detail) {
        return response.statusCode(status).body("type", equalTo(type)).body("detail", equalTo(detail));
    }

    /** {@link #isProblem}, with the correlation id also in the {@code correlation-id} response header. */
    public static ValidatableResponse isProblemWithCorrelationHeader(ValidatableResponse response, int status) {
        return isProblem(response, status).header("correlation-id", notNullValue());
    }
}
