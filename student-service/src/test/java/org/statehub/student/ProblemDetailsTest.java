package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/**
 * edfi-core's services answer every error, their HTTP layer's included, with hub-http's problem details:
 * {@code application/problem+json} with type, title, status, detail and correlationId.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@org.junit.jupiter.api.extension.ExtendWith(org.statehub.testing.AsStateAdmin.class)
class ProblemDetailsTest {

    @TestHTTPResource("/")
    URL base;

    static ValidatableResponse isProblem(ValidatableResponse response, int status) {
        return org.statehub.testing.ProblemDetails.isProblem(response, status).header("correlation-id", notNullValue());
    }

    @Test
    void theEnginesOwnRefusalsAreProblemJson() {
        isProblem(
                        given().header("correlation-id", "pd-1")
                                .get("/data/v3/ed-fi/students/nothing-like-an-id")
                                .then(),
                        400)
                .body("correlationId", equalTo("pd-1"));
        isProblem(
                given().contentType(ContentType.TEXT)
                        .body("x")
                        .post("/data/v3/ed-fi/students")
                        .then(),
                415);
        isProblem(given().auth().none().get("/data/v3/ed-fi/students").then(), 401);
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        isProblem(given().get("/no/such/path").then(), 404);
        isProblem(
                given().contentType(ContentType.JSON)
                        .body("{}")
                        .patch("/data/v3/ed-fi/students")
                        .then(),
                405);
    }

    @Test
    void theHttpLayersLimitsAreProblems() throws IOException {
        isProblem(
                given().get("/data/v3/ed-fi/students?lastSurname=" + "a".repeat(9000))
                        .then(),
                414);
        isProblem(
                given().header("X-Big", "b".repeat(30_000))
                        .get("/data/v3/ed-fi/students")
                        .then(),
                431);
        isProblem(
                given().urlEncodingEnabled(false)
                        .get("/data/v3/ed-fi/students?lastSurname=a%00b")
                        .then(),
                400);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /data/v3/ed-fi/students HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + (64L * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer)
                    .startsWith("HTTP/1.1 413")
                    .contains("application/problem+json")
                    .contains("urn:ed-fi:api:payload-too-large")
                    .contains("\"correlationId\"");
        }
    }
}
