package org.statehub.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Requests of the Ed-Fi API ({@code /data/v3/ed-fi/}) that the services' tests make alike. */
public final class EdFiRequests {

    /** Where the Ed-Fi resources are. */
    public static final String BASE = "/data/v3/ed-fi/";

    /** The problem type of a descriptor written outside the writer's namespace prefixes. */
    public static final String NAMESPACE_MISMATCH =
            "urn:ed-fi:api:security:authorization:namespace:access-denied:namespace-mismatch";

    private EdFiRequests() {}

    /** A GET of the resource with one query parameter, with the test's default token; the answer, to check. */
    public static ValidatableResponse query(String resource, String parameter, Object value) {
        return given().queryParam(parameter, value).get(BASE + resource).then();
    }

    /** A POST of {@code body} to the resource with {@code token}; the answer, to check. */
    public static ValidatableResponse postAs(String token, String resource, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(BASE + resource)
                .then();
    }
}
