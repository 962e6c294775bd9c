package org.statehub.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

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

    /**
     * A GET of the resource with one query parameter the API refuses ({@link #query}): its answer, checked to be a
     * parameter validation failure (400), to check further.
     */
    public static ValidatableResponse refusedQuery(String resource, String parameter, Object value) {
        return query(resource, parameter, value)
                .statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
    }

    /**
     * The answer to a request whose route names {@code value} as an item's id, which is no GUID: as the ODS/API
     * binds it, a data validation failure (400) of {@code $.id} naming the value ({@code value} as shown: cut to
     * 100 characters and {@code ...}).
     */
    public static ValidatableResponse isNotAnId(ValidatableResponse answer, String value) {
        return answer.statusCode(400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:data-validation-failed"))
                .body("validationErrors.'$.id'", contains("The value '" + value + "' is not valid for Id."));
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
