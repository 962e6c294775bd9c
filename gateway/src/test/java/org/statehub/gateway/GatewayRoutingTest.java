package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.statehub.testing.ProblemDetails.isProblemOfType;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/**
 * The gateway's own answers around routing. In this profile both services are configured at a port where
 * nothing listens; routing to running services is tested in system-tests.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SilentService.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class GatewayRoutingTest {

    @Test
    void aServiceThatIsDownGives502WithProblemDetails() {
        given().header("correlation-id", "gw-1")
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(502)
                .header("Retry-After", "5")
                .header("correlation-id", "gw-1")
                .body("type", equalTo("urn:ed-fi:api:system:unavailable"))
                .body("correlationId", equalTo("gw-1"))
                .body("errors[0]", equalTo("student-service is not reachable."));
        // feed administration and vendor pushes go through the gateway to feed-service; here it never answers
        given().contentType(ContentType.JSON)
                .body("[]")
                .post("/feed/v1/connections/abc/push/students")
                .then()
                .statusCode(504)
                .header("Retry-After", "5")
                .body("type", equalTo("urn:ed-fi:api:system:timeout"))
                .body("errors[0]", equalTo("feed-service did not answer in 1 s."));
        given().get("/conflicts/v1/duplicates")
                .then()
                .statusCode(502)
                .body("errors[0]", equalTo("conflict-service is not reachable."));
    }

    @Test
    void changeQueriesAndTheAccessLogOfTheWholeApiNeedATokenAndEveryDataService() {
        isProblemOfType(
                        given().get("/changeQueries/v1/availableChangeVersions").then(),
                        401,
                        "urn:ed-fi:api:security:authentication")
                .body("correlationId", notNullValue());
        given().auth()
                .oauth2("not-a-token")
                .get("/changeQueries/v1/availableChangeVersions")
                .then()
                .statusCode(401)
                .body("errors[0]", equalTo("Invalid token"));
        String token = GatewayTokenTest.adminToken();
        // the data services do not run in this profile: the newest version of the whole API cannot be known
        given().auth()
                .oauth2(token)
                .header("correlation-id", "cq-1")
                .get("/changeQueries/v1/availableChangeVersions")
                .then()
                .statusCode(502)
                .header("correlation-id", "cq-1")
                .body("type", equalTo("urn:ed-fi:api:system:unavailable"))
                .body("errors[0]", org.hamcrest.Matchers.endsWith("is not reachable."));
        given().auth()
                .oauth2(token)
                .get("/changeQueries/v1/changedResources?minChangeVersion=1")
                .then()
                .statusCode(502);
        given().get("/audit/v1/accesses").then().statusCode(401);
        given().auth()
                .oauth2(token)
                .get("/audit/v1/accesses")
                .then()
                .statusCode(502)
                .body("errors[0]", org.hamcrest.Matchers.endsWith("is not reachable."));
        isProblemOfType(
                given().auth()
                        .oauth2(token)
                        .get("/changeQueries/v1/somethingElse")
                        .then(),
                404,
                "urn:ed-fi:api:not-found");
    }

    @Test
    void anUnknownResourceIs404AndAnOversizedBody413() {
        isProblemOfType(given().get("/data/v3/ed-fi/dragons").then(), 404, "urn:ed-fi:api:not-found")
                .body("correlationId", notNullValue());
        // this profile accepts at most 1000 bytes
        given().contentType(ContentType.JSON)
                .body("x".repeat(5000))
                .post("/data/v3/ed-fi/students")
                .then()
                .statusCode(413)
                .body("status", equalTo(413))
                .body("type", equalTo("urn:ed-fi:api:payload-too-large"));
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last: it empties the shared anonymous caller's budget
    void aCallerOverItsRateGets429WithRetryAfter() {
        io.restassured.response.Response limited = null;
        for (int i = 0; i < 100 && limited == null; i++) {
            io.restassured.response.Response response = given().get("/data/v3/ed-fi/sexDescriptors");
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited)
                .as("no 429 within 100 quick calls (limit: 5/s, burst 30)")
                .isNotNull();
        limited.then()
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:ed-fi:api:too-many-requests"))
                .body("correlationId", notNullValue());
    }

    @Test
    void theDiscoveryDocumentNamesTheDataModelAndTheUrls() {
        given().get("/")
                .then()
                .statusCode(200)
                .body("dataModels[0].name", equalTo("Ed-Fi"))
                .body("dataModels[0].version", equalTo("5.2.0"))
                .body("urls.oauth", notNullValue())
                .body("urls.dataManagementApi", notNullValue())
                .body("urls.dependencies", notNullValue())
                .body("urls.changeQueries", org.hamcrest.Matchers.endsWith("/changeQueries/v1/"));
        given().get("/metadata/data/v3/dependencies")
                .then()
                .statusCode(200)
                .body("resource", hasItem("/ed-fi/studentSchoolAssociations"))
                .body(
                        "find { it.resource == '/ed-fi/stateEducationAgencies' }.order",
                        lessThan(given().get("/metadata/data/v3/dependencies")
                                .path("find { it.resource == '/ed-fi/educationServiceCenters' }.order")))
                .body(
                        "find { it.resource == '/ed-fi/educationServiceCenters' }.order",
                        lessThan(given().get("/metadata/data/v3/dependencies")
                                .path("find { it.resource == '/ed-fi/localEducationAgencies' }.order")));
    }

    /**
     * {@code GET /health} at the root (the ODS/API 7.3 serves one; its shape is not documented, see docs/API.md):
     * 503 problem details with Retry-After when a service it routes to is down, as in this profile.
     */
    @Test
    void healthIs503ProblemDetailsWhenAServiceIsDown() {
        given().get("/health")
                .then()
                .statusCode(503)
                .header("Retry-After", "5")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ed-fi:api:system:unavailable"))
                .body("status", equalTo(503))
                .body("errors", hasItem("student-service is not ready."));
    }
}
