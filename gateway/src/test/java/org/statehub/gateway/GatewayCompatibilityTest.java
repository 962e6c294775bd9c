package org.statehub.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * ODS/API 7.3 behaviours of the gateway's routing, against {@link EchoService} standing in for every service (it
 * answers with the path, query and correlation id it was sent).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(value = EchoService.class, restrictToAnnotatedClass = true)
class GatewayCompatibilityTest {

    private static final String ADMIN = "hub-admin";
    private static final String ADMIN_SECRET = "test-admin-secret-0123456789";

    static String adminToken() {
        return given().auth().preemptive().basic(ADMIN, ADMIN_SECRET).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    /**
     * URLs, including query string parameter names, are not case sensitive in an Ed-Fi API:
     * https://docs.ed-fi.org/reference/data-exchange/api-guidelines/tips-for-success ("Case Sensitivity"). The
     * gateway forwards the canonical path and names; ids and values go on as sent.
     */
    @Test
    void pathsAndQueryParameterNamesMatchInAnyCaseAndReachTheServicesCanonical() {
        String token = adminToken();
        given().auth().oauth2(token).get("/data/v3/ed-fi/Students").then().statusCode(200)
                .body("path", equalTo("/data/v3/ed-fi/students"));
        given().auth().oauth2(token).get("/Data/V3/Ed-Fi/STUDENTS/Deletes?MinChangeVersion=5&MAXCHANGEVERSION=9")
                .then().statusCode(200).body("path", equalTo("/data/v3/ed-fi/students/deletes"))
                .body("query", equalTo("minChangeVersion=5&maxChangeVersion=9"));
        given().auth().oauth2(token).get("/data/v3/ed-fi/students/KeyChanges?Limit=5&Offset=1&TotalCount=True")
                .then().statusCode(200).body("path", equalTo("/data/v3/ed-fi/students/keyChanges"))
                .body("query", equalTo("limit=5&offset=1&totalCount=True"));
        given().auth().oauth2(token).get("/data/v3/ed-fi/Students/Partitions?Number=4").then().statusCode(200)
                .body("path", equalTo("/data/v3/ed-fi/students/partitions")).body("query", equalTo("number=4"));
        given().auth().oauth2(token).get("/data/v3/ed-fi/SexDescriptors?CodeValue=Female").then().statusCode(200)
                .body("path", equalTo("/data/v3/ed-fi/sexDescriptors")).body("query", equalTo("codeValue=Female"));
        // an item's id is never changed, nor a value
        given().auth().oauth2(token).get("/DATA/v3/ed-fi/studentSchoolAssociations/AbCdEf0123456789aBcDeF0123456789"
                + "?StudentUniqueId=AbC").then().statusCode(200)
                .body("path", equalTo("/data/v3/ed-fi/studentSchoolAssociations/AbCdEf0123456789aBcDeF0123456789"))
                .body("query", equalTo("studentUniqueId=AbC"));
        // bulk (a hub extension) the same way; an unknown resource stays unknown
        given().auth().oauth2(token).contentType("application/json").body("[]").post("/Bulk/v1/ED-FI/Students")
                .then().statusCode(200).body("path", equalTo("/bulk/v1/ed-fi/students"));
        given().auth().oauth2(token).get("/data/v3/ed-fi/Dragons").then().statusCode(404)
                .body("type", equalTo("urn:ed-fi:api:not-found"));
    }

    /**
     * The gateway's own paths in any case (same source as above): the token endpoint, change queries, metadata,
     * the admin API.
     */
    @Test
    void theGatewaysOwnPathsMatchInAnyCase() {
        given().auth().preemptive().basic(ADMIN, ADMIN_SECRET).formParam("grant_type", "client_credentials")
                .post("/OAuth/Token").then().statusCode(200).body("token_type", equalTo("bearer"));
        // reaches the change-query endpoint (401 without a token, not 404)
        given().get("/ChangeQueries/V1/AvailableChangeVersions").then().statusCode(401)
                .body("type", equalTo("urn:ed-fi:api:security:authentication"));
        given().get("/Metadata/Data/V3/Dependencies").then().statusCode(200);
        given().auth().oauth2(adminToken()).get("/Admin/V1/Clients/" + ADMIN).then().statusCode(200)
                .body("clientId", equalTo(ADMIN));
    }

    /**
     * {@code correlationId} as a query parameter (any case, %-decoded) is the request's correlation id: it reaches
     * the service (as its {@code correlation-id} header and in the query) and comes back in the answer. The ODS/API
     * logs each request under its correlation id ({@code %property{CorrelationId}} in its log layout):
     * https://edfi.atlassian.net/wiki/spaces/ODSAPIS3V71/pages/25493637/Logging+Configuration
     */
    @Test
    void aCorrelationIdQueryParameterReachesTheService() {
        String token = adminToken();
        given().auth().oauth2(token).get("/data/v3/ed-fi/students?correlationId=load-42").then().statusCode(200)
                .header("correlation-id", "load-42").body("correlationId", equalTo("load-42"))
                .body("query", equalTo("correlationId=load-42"));
        given().auth().oauth2(token).urlEncodingEnabled(false)
                .get("/data/v3/ed-fi/students?CorrelationID=run%3A7-b&limit=1").then().statusCode(200)
                .header("correlation-id", "run:7-b").body("correlationId", equalTo("run:7-b"))
                .body("query", equalTo("correlationId=run%3A7-b&limit=1"));
        // a header wins over the query parameter
        given().auth().oauth2(token).header("correlation-id", "from-header")
                .get("/data/v3/ed-fi/students?correlationId=from-query").then().statusCode(200)
                .body("correlationId", equalTo("from-header"));
    }
}
