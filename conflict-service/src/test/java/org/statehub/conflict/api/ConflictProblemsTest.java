package org.statehub.conflict.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestTokens;

/** Every error of conflict-service is problem details; NULs in ids, query values and bodies are 400s. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ConflictProblemsTest {

    static ValidatableResponse isProblem(ValidatableResponse response, int status) {
        return org.statehub.testing.ProblemDetails.isProblem(response, status);
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.stateAdmin()).contentType(ContentType.JSON);
    }

    @Test
    void aMethodOrPathNoEndpointTakesIsAProblemNotAnHtmlPage() {
        isProblem(admin().body("{}").patch("/conflicts/v1/duplicates").then(), 405);
        isProblem(admin().body("{}").patch("/conflicts/v1/merges/1").then(), 405);
        isProblem(admin().get("/conflicts/v1/nothing").then(), 404);
        isProblem(given().get("/conflicts/v1/duplicates").then(), 401);
    }

    @Test
    void conflictPathsAndQueryParameterNamesMatchInAnyCase() {
        admin().get("/Conflicts/V1/Duplicates").then().statusCode(200);
        admin().get("/CONFLICTS/v1/Conflicts").then().statusCode(200);
        isProblem(admin().get("/conflicts/v1/Duplicates?LeaId=abc").then(), 400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/conflicts/v1/merges/1%00",
                "/conflicts/v1/duplicates?leaId=1%00",
                "/conflicts/v1/conflicts?studentUniqueId=a%00"
            })
    void aNulInAPathIdOrQueryValueIs400(String uri) {
        isProblem(admin().urlEncodingEnabled(false).get(uri).then(), 400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
    }

    @Test
    void aNulInAMergeRequestIs400NotAnUnreachableService() {
        isProblem(admin().body("""
                {"retiredStudentUniqueId": "a\\u0000b", "survivorStudentUniqueId": "c", "note": "same person"}""").post("/conflicts/v1/merges").then(), 400)
                .body("validationErrors", hasKey("$.retiredStudentUniqueId"));
    }
}
