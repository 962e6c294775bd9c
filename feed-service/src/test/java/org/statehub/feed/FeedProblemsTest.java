package org.statehub.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestTokens;

/** Every error of feed-service is problem details, the framework's own refusals included. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class FeedProblemsTest {

    static ValidatableResponse isProblem(ValidatableResponse response, int status) {
        return org.statehub.testing.ProblemDetails.isProblem(response, status);
    }

    @Test
    void withoutATokenIs401WithProblemDetails() {
        isProblem(given().get("/feed/v1/connections").then(), 401)
                .body("type", equalTo("urn:ed-fi:api:security:authentication"))
                .body("errors[0]", equalTo("Authorization header is missing."));
    }

    @Test
    void aParameterOfTheWrongTypeIs400NotAnEmpty404() {
        isProblem(FeedServiceTest.admin().get("/feed/v1/errors?leaId=abc").then(), 400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
        isProblem(FeedServiceTest.admin().get("/feed/v1/errors/abc").then(), 400);
    }

    @Test
    void unknownPathsMethodsAndMediaTypesAreProblems() {
        isProblem(FeedServiceTest.admin().get("/feed/v1/nothing-here").then(), 404);
        isProblem(FeedServiceTest.admin().get("/elsewhere").then(), 404);
        isProblem(
                FeedServiceTest.admin().body("{}").patch("/feed/v1/connections").then(), 405);
        isProblem(
                given().auth()
                        .oauth2(TestTokens.stateAdmin())
                        .contentType(ContentType.TEXT)
                        .body("x")
                        .post("/feed/v1/connections")
                        .then(),
                415);
        isProblem(
                FeedServiceTest.admin()
                        .body("{not json")
                        .post("/feed/v1/connections")
                        .then(),
                400);
    }

    @Test
    void aNulInAPathIdOrQueryValueIs400() {
        isProblem(
                FeedServiceTest.admin()
                        .urlEncodingEnabled(false)
                        .get("/feed/v1/connections/ab%00cd")
                        .then(),
                400);
        isProblem(
                FeedServiceTest.admin()
                        .urlEncodingEnabled(false)
                        .get("/feed/v1/errors?studentUniqueId=a%00b")
                        .then(),
                400);
        isProblem(
                given().auth()
                        .oauth2(TestTokens.token("vendor", "SISVendor", List.of(255901L), List.of(), 600))
                        .contentType(ContentType.JSON)
                        .body("[]")
                        .urlEncodingEnabled(false)
                        .post("/feed/v1/connections/a%00/push/students")
                        .then(),
                400);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    @Test
    void aBodyOverTheLimitIs413WithProblemDetailsBeforeItIsRead() throws java.io.IOException {
        // 64 MiB is feed-service's limit (pushes); the answer comes before the body is sent
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream()
                    .write(("POST /feed/v1/connections/x/push/students HTTP/1.1\r\nHost: x\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: " + (64L * 1024 * 1024 + 1)
                                    + "\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            org.assertj.core.api.Assertions.assertThat(answer)
                    .startsWith("HTTP/1.1 413")
                    .contains("application/problem+json")
                    .contains("urn:ed-fi:api:payload-too-large")
                    .contains("\"correlationId\"");
        }
    }
}
