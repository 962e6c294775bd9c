package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.statehub.testing.ProblemDetails.isProblemWithCorrelationHeader;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;

/**
 * Every error the gateway answers, its own and its HTTP layer's, is problem details: {@code application/problem+json}
 * with type, title, status, detail and correlationId.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SilentService.class)
class GatewayProblemsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aMethodNoRouteTakesIs405AndAnUnknownPath404WithProblemDetails() {
        // the areas are routed for the methods their services serve; any other is unknown here
        isProblemWithCorrelationHeader(
                given().contentType(ContentType.JSON)
                        .body("{}")
                        .patch("/feed/v1/connections")
                        .then(),
                404);
        isProblemWithCorrelationHeader(
                given().contentType(ContentType.JSON)
                        .body("{}")
                        .patch("/conflicts/v1/duplicates")
                        .then(),
                404);
        isProblemWithCorrelationHeader(
                        given().contentType(ContentType.JSON)
                                .body("{}")
                                .put("/oauth/token")
                                .then(),
                        405)
                .body("type", equalTo("urn:ed-fi:api:method-not-allowed"));
        isProblemWithCorrelationHeader(
                        given().header("correlation-id", "p-404")
                                .get("/no/such/thing")
                                .then(),
                        404)
                .body("correlationId", equalTo("p-404"))
                .header("correlation-id", "p-404");
        isProblemWithCorrelationHeader(given().delete("/oauth/token").then(), 405);
    }

    @Test
    void aTooLongUriIs414AndTooLargeHeaders431WithProblemDetails() {
        isProblemWithCorrelationHeader(
                        given().get("/data/v3/ed-fi/students?x=" + "a".repeat(9000))
                                .then(),
                        414)
                .body("type", equalTo("urn:ed-fi:api:uri-too-long"));
        isProblemWithCorrelationHeader(
                        given().header("X-Big", "b".repeat(30_000))
                                .get("/data/v3/ed-fi/students")
                                .then(),
                        431)
                .body("type", equalTo("urn:ed-fi:api:request-header-fields-too-large"));
    }

    @Test
    void aNulOrBrokenEscapeInTheUriIs400() throws IOException {
        isProblemWithCorrelationHeader(
                        given().urlEncodingEnabled(false)
                                .get("/admin/v1/clients/abc%00def")
                                .then(),
                        400)
                .body("type", equalTo("urn:ed-fi:api:bad-request:parameter-validation-failed"));
        String answer = raw("GET /data/v3/ed-fi/students?studentUniqueId=%zz HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer)
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json")
                .contains("malformed");
        assertThat(raw("GET /data/v3/ed-fi/students?q=a|b{c} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json");
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aBodyOverTheLimitWithoutContentLengthIs413WithProblemDetails() {
        // this profile routes at most 1000 bytes; a stream has no Content-Length, so the gateway counts
        InputStream body = new ByteArrayInputStream("x".repeat(50_000).getBytes(StandardCharsets.UTF_8));
        isProblemWithCorrelationHeader(
                        given().contentType(ContentType.JSON)
                                .body(body)
                                .post("/data/v3/ed-fi/students")
                                .then(),
                        413)
                .body("type", equalTo("urn:ed-fi:api:payload-too-large"));
    }

    @Test
    void http10WithoutHostIsNotA500() throws IOException {
        assertThat(raw("GET /data/v3/ed-fi/students HTTP/1.0\r\n\r\n"))
                .startsWith("HTTP/1.0 400")
                .contains("application/problem+json")
                .contains("\"correlationId\"")
                .contains("A Host header is required.");
    }

    @Test
    void theAdminApiAnswersBadBodiesWith400And415ProblemDetails() {
        String token = GatewayTokenTest.adminToken();
        isProblemWithCorrelationHeader(postClient(token, ContentType.JSON, "{not json"), 400);
        isProblemWithCorrelationHeader(postClient(token, ContentType.JSON, "{\"displayName\": []}"), 400);
        isProblemWithCorrelationHeader(postClient(token, ContentType.TEXT, "hello"), 415)
                .body("type", equalTo("urn:ed-fi:api:unsupported-media-type"));
        isProblemWithCorrelationHeader(postClient(token, ContentType.JSON, """
                {"displayName": "Nulls", "claimSet": "SISVendor", "educationOrganizationIds": [null]}"""), 400)
                .body("validationErrors", hasKey("$.educationOrganizationIds[0]"));
        isProblemWithCorrelationHeader(postClient(token, ContentType.JSON, """
                {"displayName": "Nul", "claimSet": "SISVendor", "educationOrganizationIds": [255901],
                 "namespacePrefixes": ["uri://a\\u0000b"]}"""), 400)
                .body("validationErrors", hasKey("$.namespacePrefixes[0]"));
        isProblemWithCorrelationHeader(given().get("/admin/v1/clients").then(), 401);
    }

    @Test
    void aNulInTheTokenFormIsA400OAuthErrorThatIsAlsoAProblem() throws IOException {
        // rest-assured would encode the field itself; send the form as it is
        HttpURLConnection connection = (HttpURLConnection) new URL(base, "/oauth/token").openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        connection
                .getOutputStream()
                .write("grant_type=client_credentials&client_id=a%00b&client_secret=x"
                        .getBytes(StandardCharsets.US_ASCII));
        assertThat(connection.getResponseCode()).isEqualTo(400);
        String body = new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body)
                .contains("\"error\":\"invalid_request\"")
                .contains("\"type\":\"urn:ed-fi:api:bad-request\"")
                .contains("\"status\":400")
                .contains("\"correlationId\"");
    }

    /** {@code POST /admin/v1/clients} of {@code body} as {@code contentType}, with the admin's {@code token}. */
    private static ValidatableResponse postClient(String token, ContentType contentType, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(contentType)
                .body(body)
                .post("/admin/v1/clients")
                .then();
    }
}
