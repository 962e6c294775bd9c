package org.statehub.student;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.statehub.testing.ProblemDetails.isProblemWithCorrelationHeader;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    @Test
    void theEnginesOwnRefusalsAreProblemJson() {
        isProblemWithCorrelationHeader(
                        given().header("correlation-id", "pd-1")
                                .get("/data/v3/ed-fi/students/nothing-like-an-id")
                                .then(),
                        400)
                .body("correlationId", equalTo("pd-1"));
        isProblemWithCorrelationHeader(
                given().contentType(ContentType.TEXT)
                        .body("x")
                        .post("/data/v3/ed-fi/students")
                        .then(),
                415);
        isProblemWithCorrelationHeader(
                given().auth().none().get("/data/v3/ed-fi/students").then(), 401);
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        isProblemWithCorrelationHeader(given().get("/no/such/path").then(), 404);
        isProblemWithCorrelationHeader(
                given().contentType(ContentType.JSON)
                        .body("{}")
                        .patch("/data/v3/ed-fi/students")
                        .then(),
                405);
    }

    @Test
    void theHttpLayersLimitsAreProblems() throws IOException {
        isProblemWithCorrelationHeader(
                given().get("/data/v3/ed-fi/students?lastSurname=" + "a".repeat(9000))
                        .then(),
                414);
        isProblemWithCorrelationHeader(
                given().header("X-Big", "b".repeat(30_000))
                        .get("/data/v3/ed-fi/students")
                        .then(),
                431);
        isProblemWithCorrelationHeader(
                given().urlEncodingEnabled(false)
                        .get("/data/v3/ed-fi/students?lastSurname=a%00b")
                        .then(),
                400);
        String answer = exchange(out -> out.write(("POST /data/v3/ed-fi/students HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + (64L * 1024 * 1024) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        isRawProblem(answer, 413).contains("urn:ed-fi:api:payload-too-large");
    }

    /** What the service answers to the bytes {@code request} writes on a connection of its own. */
    private String exchange(RawRequest request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                request.writeTo(out);
                out.flush();
            } catch (IOException closedByTheServer) {
                // the answer came before the whole request was sent: read it
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    interface RawRequest {
        void writeTo(OutputStream out) throws IOException;
    }

    private static org.assertj.core.api.AbstractStringAssert<?> isRawProblem(String answer, int status) {
        return assertThat(answer)
                .startsWith("HTTP/1.1 " + status)
                .contains("application/problem+json")
                .contains("\"correlationId\"");
    }

    private static String head(String method, String path, String... headers) {
        return method + " " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + org.statehub.testing.TestTokens.stateAdmin() + "\r\n"
                + String.join(
                        "",
                        java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList()) + "\r\n";
    }

    /**
     * A body sent without {@code Content-Length} (chunked) past the HTTP layer's limit (8 MiB here, the bulk
     * limit) is refused with problem details too, not with Quarkus's bare 413.
     */
    @Test
    void aChunkedBodyOverTheHttpLimitIsA413Problem() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        String answer = exchange(out -> {
            out.write(head("POST", "/bulk/v1/ed-fi/students", "Transfer-Encoding: chunked")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int sent = 0; sent < 9 * 1024 * 1024; sent += chunk.length) {
                out.write(size);
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        isRawProblem(answer, 413).contains("urn:ed-fi:api:payload-too-large");
    }

    /** A chunked body within the limit is read at the edge and reaches the endpoint whole. */
    @Test
    void aChunkedBodyWithinTheLimitIsStored() throws IOException {
        String body = "{\"studentUniqueId\": \"CHUNKED-1\", \"firstName\": \"Ana\", \"lastSurname\": \"Reyes\", "
                + "\"birthDate\": \"2008-02-01\"}";
        StringBuilder request = new StringBuilder(
                head("POST", "/data/v3/ed-fi/students", "Transfer-Encoding: chunked", "Connection: close"));
        int half = body.length() / 2;
        for (String part : List.of(body.substring(0, half), body.substring(half))) {
            request.append(Integer.toHexString(part.length()))
                    .append("\r\n")
                    .append(part)
                    .append("\r\n");
        }
        String answer =
                exchange(out -> out.write(request.append("0\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII)));
        assertThat(answer).startsWith("HTTP/1.1 201");
        String id = given().queryParam("studentUniqueId", "CHUNKED-1")
                .get("/data/v3/ed-fi/students")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].id");
        given().delete("/data/v3/ed-fi/students/" + id).then().statusCode(204);
    }
}
