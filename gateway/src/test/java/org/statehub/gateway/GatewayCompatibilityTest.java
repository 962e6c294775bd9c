package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.statehub.gateway.GatewayTokenTest.ADMIN;
import static org.statehub.gateway.GatewayTokenTest.ADMIN_SECRET;
import static org.statehub.gateway.GatewayTokenTest.adminToken;
import static org.statehub.gateway.GatewayTokenTest.token;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/**
 * ODS/API 7.3 behaviours of the gateway's routing, against {@link EchoService} standing in for every service (it
 * answers with the path, query and correlation id it was sent).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(value = EchoService.class, restrictToAnnotatedClass = true)
class GatewayCompatibilityTest {

    /**
     * URLs, including query string parameter names, are not case sensitive in an Ed-Fi API:
     * https://docs.ed-fi.org/reference/data-exchange/api-guidelines/tips-for-success ("Case Sensitivity"). The
     * gateway forwards the canonical path and names; ids and values go on as sent.
     */
    @Test
    void pathsAndQueryParameterNamesMatchInAnyCaseAndReachTheServicesCanonical() {
        String token = adminToken();
        forwarded(token, "/data/v3/ed-fi/Students", "/data/v3/ed-fi/students", null);
        forwarded(
                token,
                "/Data/V3/Ed-Fi/STUDENTS/Deletes?MinChangeVersion=5&MAXCHANGEVERSION=9",
                "/data/v3/ed-fi/students/deletes",
                "minChangeVersion=5&maxChangeVersion=9");
        forwarded(
                token,
                "/data/v3/ed-fi/students/KeyChanges?Limit=5&Offset=1&TotalCount=True",
                "/data/v3/ed-fi/students/keyChanges",
                "limit=5&offset=1&totalCount=True");
        forwarded(
                token, "/data/v3/ed-fi/Students/Partitions?Number=4", "/data/v3/ed-fi/students/partitions", "number=4");
        forwarded(
                token,
                "/data/v3/ed-fi/SexDescriptors?CodeValue=Female",
                "/data/v3/ed-fi/sexDescriptors",
                "codeValue=Female");
        // an item's id is never changed, nor a value
        forwarded(
                token,
                "/DATA/v3/ed-fi/studentSchoolAssociations/AbCdEf0123456789aBcDeF0123456789" + "?StudentUniqueId=AbC",
                "/data/v3/ed-fi/studentSchoolAssociations/AbCdEf0123456789aBcDeF0123456789",
                "studentUniqueId=AbC");
        // bulk (a hub extension) the same way; an unknown resource stays unknown
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("[]")
                .post("/Bulk/v1/ED-FI/Students")
                .then()
                .statusCode(200)
                .body("path", equalTo("/bulk/v1/ed-fi/students"));
        given().auth()
                .oauth2(token)
                .header("correlation-id", "dragons-1")
                .get("/data/v3/ed-fi/Dragons")
                .then()
                .statusCode(404)
                .header("correlation-id", "dragons-1")
                .body("type", equalTo("urn:ed-fi:api:not-found"));
    }

    /**
     * The gateway's own paths in any case (same source as above): the token endpoint, change queries, metadata,
     * the admin API.
     */
    @Test
    void theGatewaysOwnPathsMatchInAnyCase() {
        given().auth()
                .preemptive()
                .basic(ADMIN, ADMIN_SECRET)
                .formParam("grant_type", "client_credentials")
                .post("/OAuth/Token")
                .then()
                .statusCode(200)
                .body("token_type", equalTo("bearer"));
        // reaches the change-query endpoint (401 without a token, not 404)
        given().get("/ChangeQueries/V1/AvailableChangeVersions")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:ed-fi:api:security:authentication"));
        given().get("/Metadata/Data/V3/Dependencies").then().statusCode(200);
        given().auth()
                .oauth2(adminToken())
                .get("/Admin/V1/Clients/" + ADMIN)
                .then()
                .statusCode(200)
                .body("clientId", equalTo(ADMIN));
        given().auth().oauth2(adminToken()).get("/Admin/V1/Profiles").then().statusCode(200);
        given().auth()
                .oauth2(adminToken())
                .contentType("application/json")
                .body("{\"profiles\": []}")
                .put("/Admin/V1/Clients/" + ADMIN + "/Profiles")
                .then()
                .statusCode(200);
        given().get("/Metadata").then().statusCode(200);
    }

    /**
     * {@code /feed/...} and {@code /conflicts/...} (the services' own APIs, routed by the gateway) in any case: the
     * gateway routes them by their first word and forwards the rest as sent, for the service to match.
     */
    @Test
    void theServicesOwnPathsAreRoutedInAnyCase() {
        String token = adminToken();
        forwarded(token, "/Feed/v1/Connections?LeaId=7", "/feed/v1/Connections", null);
        forwarded(token, "/CONFLICTS/v1/duplicates", "/conflicts/v1/duplicates", null);
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
        for (String[] call : new String[][] {
            {"/data/v3/ed-fi/students?correlationId=load-42", "load-42", "correlationId=load-42"},
            {"/data/v3/ed-fi/students?CorrelationID=run%3A7-b&limit=1", "run:7-b", "correlationId=run%3A7-b&limit=1"}
        }) {
            // the path as written (its query already encoded); the service echoes the query it received
            given().auth()
                    .oauth2(token)
                    .urlEncodingEnabled(false)
                    .get(call[0])
                    .then()
                    .statusCode(200)
                    .header("correlation-id", call[1])
                    .body("correlationId", equalTo(call[1]))
                    .body("query", equalTo(call[2]));
        }
        // a header wins over the query parameter
        given().auth()
                .oauth2(token)
                .header("correlation-id", "from-header")
                .get("/data/v3/ed-fi/students?correlationId=from-query")
                .then()
                .statusCode(200)
                .body("correlationId", equalTo("from-header"));
    }

    /**
     * The service is told the host and scheme the caller used (so its {@code Location} headers point at the
     * gateway), whatever {@code X-Forwarded-*} the caller sent; the caller's hop-by-hop headers stay on its hop; its
     * other headers go on.
     */
    @Test
    void theServiceIsToldThePublicHostButNotTheCallersHopByHopHeaders() {
        given().auth()
                .oauth2(adminToken())
                .header("X-Forwarded-Host", "forged.example")
                .header("Keep-Alive", "timeout=5")
                .header("Proxy-Connection", "keep-alive")
                .header("X-Vendor", "v-1")
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(200)
                .body("forwardedHost", equalTo("localhost:" + io.restassured.RestAssured.port))
                .body("forwardedProto", equalTo("http"))
                .body("keepAlive", org.hamcrest.Matchers.nullValue())
                .body("proxyConnection", org.hamcrest.Matchers.nullValue())
                .body("vendorHeader", equalTo("v-1"))
                .body("correlationId", org.hamcrest.Matchers.notNullValue());
    }

    /**
     * A JSON health check at the root: the ODS/API 7.3 answers {@code GET /health} for load balancers; its shape is
     * not in the Ed-Fi documentation, so the hub's is its own (docs/API.md). Platform guide:
     * https://docs.ed-fi.org/reference/ods-api/7.3/
     */
    @Test
    void healthAnswersJsonWhenTheGatewayAndEveryServiceAreUp() {
        given().get("/health")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("status", equalTo("Healthy"))
                .body("components.gateway", equalTo("Healthy"))
                .body("components.student-service", equalTo("Healthy"))
                .body("components.enrollment-service", equalTo("Healthy"));
        given().get("/Health").then().statusCode(200).body("status", equalTo("Healthy"));
    }

    /** GET {@code asked} with the token reaches the service as {@code path} and {@code query} (null: not checked). */
    private static void forwarded(String token, String asked, String path, String query) {
        var answer =
                given().auth().oauth2(token).get(asked).then().statusCode(200).body("path", equalTo(path));
        if (query != null) {
            answer.body("query", equalTo(query));
        }
    }

    private static io.restassured.response.Response newClient(String token, String rateLimit) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"displayName\":\"Loader\","
                        + "\"claimSet\":\"StateSystemReader\""
                        + (rateLimit == null ? "" : ",\"rateLimit\":" + rateLimit)
                        + "}")
                .post("/admin/v1/clients");
    }

    private static String tokenOf(io.restassured.response.Response created) {
        return token(created.path("clientId"), created.path("clientSecret"), null)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /**
     * Loaders are not throttled into failure: a client's rate limit is an admin setting (a hub extension; the
     * ODS/API has no rate limit). 429 with Retry-After follows RFC 6585 section 4:
     * https://www.rfc-editor.org/rfc/rfc6585#section-4
     */
    @Test
    void aClientsRateLimitIsSetShownAndResetInTheAdminApiWithProblemDetailsForBadInput() {
        String admin = adminToken();
        io.restassured.response.Response created = newClient(admin, "{\"perSecond\":3}");
        created.then().statusCode(201);
        String id = created.path("clientId");
        rateLimit(admin, id)
                .statusCode(200)
                .body("perSecond", equalTo(3))
                .body("burst", equalTo(6))
                .body("source", equalTo("client"));
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body("{\"perSecond\":50,\"burst\":80}")
                .put("/admin/v1/clients/" + id + "/RateLimit")
                .then()
                .statusCode(200)
                .body("perSecond", equalTo(50))
                .body("burst", equalTo(80));
        putRateLimit(admin, id, "{\"perSecond\":0,\"burst\":1.5,\"x\":1}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ed-fi:api:bad-request:data-validation-failed"))
                .body(
                        "validationErrors.'$.perSecond'[0]",
                        equalTo("PerSecond must be a whole number from 1 to 100000."))
                .body("validationErrors.'$.burst'[0]", equalTo("Burst must be a whole number from 1 to 1000000."))
                .body("validationErrors.'$.x'[0]", equalTo("'x' is not a member of a rate limit."));
        putRateLimit(admin, id, "{\"perSecond\":10,\"burst\":5}")
                .statusCode(400)
                .body("validationErrors.'$.burst'[0]", equalTo("Burst must be at least perSecond (10)."));
        putRateLimit(admin, "no-such-client", "{\"perSecond\":10}")
                .statusCode(404)
                .body("type", equalTo("urn:ed-fi:api:not-found"));
        given().auth()
                .oauth2(admin)
                .delete("/admin/v1/clients/" + id + "/rateLimit")
                .then()
                .statusCode(204);
        // back to the gateway's default (this profile: 5/s, burst 30)
        rateLimit(admin, id)
                .statusCode(200)
                .body("perSecond", equalTo(5))
                .body("burst", equalTo(30))
                .body("source", equalTo("default"));
        newClient(admin, "{\"perSecond\":\"fast\"}")
                .then()
                .statusCode(400)
                .body(
                        "validationErrors.'$.rateLimit.perSecond'[0]",
                        equalTo("PerSecond must be a whole number from 1 to 100000."));
        // only a StateAdmin may
        given().auth()
                .oauth2(tokenOf(newClient(admin, null)))
                .get("/admin/v1/clients/" + id + "/rateLimit")
                .then()
                .statusCode(403);
    }

    /** GET of the client's rate limit in the admin API, by {@code admin}: the answer. */
    private static ValidatableResponse rateLimit(String admin, String clientId) {
        return given().auth()
                .oauth2(admin)
                .get("/admin/v1/clients/" + clientId + "/rateLimit")
                .then();
    }

    /** PUT of {@code body} as the client's rate limit in the admin API, by {@code admin}: the answer. */
    private static ValidatableResponse putRateLimit(String admin, String clientId, String body) {
        return given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(body)
                .put("/admin/v1/clients/" + clientId + "/rateLimit")
                .then();
    }

    /** As above: a client over its own limit gets 429 with Retry-After; another client is not affected. */
    @Test
    void aClientOverItsOwnLimitGets429WithRetryAfterAndAnotherClientDoesNot() {
        String admin = adminToken();
        io.restassured.response.Response slow = newClient(admin, "{\"perSecond\":1,\"burst\":2}");
        slow.then().statusCode(201);
        String slowToken = tokenOf(slow);
        String otherToken = tokenOf(newClient(admin, null));
        io.restassured.response.Response limited = null;
        for (int i = 0; i < 6 && limited == null; i++) {
            io.restassured.response.Response answer =
                    given().auth().oauth2(slowToken).get("/data/v3/ed-fi/students");
            if (answer.statusCode() == 429) {
                limited = answer;
            }
        }
        org.assertj.core.api.Assertions.assertThat(limited)
                .as("no 429 within 6 quick calls at 1/s, burst 2")
                .isNotNull();
        limited.then()
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ed-fi:api:too-many-requests"));
        for (int i = 0; i < 4; i++) {
            given().auth()
                    .oauth2(otherToken)
                    .get("/data/v3/ed-fi/students")
                    .then()
                    .statusCode(200);
        }
        // a raised limit applies at once (through this gateway; within seconds on others)
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body("{\"perSecond\":1000}")
                .put("/admin/v1/clients/" + slow.path("clientId") + "/rateLimit")
                .then()
                .statusCode(200);
        try {
            Thread.sleep(1100); // the bucket refills at the new rate from its last refill
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 4; i++) {
            given().auth()
                    .oauth2(slowToken)
                    .get("/data/v3/ed-fi/students")
                    .then()
                    .statusCode(200);
        }
    }
}
