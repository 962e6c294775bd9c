package org.statehub.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.SettingsProfile;

/**
 * The documented limits (docs/OPERATIONS.md "Limits"): a push of feed-service's maximum, 64 MiB, goes through the
 * gateway whole; one byte more is a 413 with problem details from the gateway, not from the service.
 */
@QuarkusTest
@TestProfile(GatewayLimitsTest.DocumentedLimits.class)
class GatewayLimitsTest {

    static final int MAX = 64 * 1024 * 1024;

    /** The production limits, and a feed-service that counts what reaches it. */
    public static class DocumentedLimits extends SettingsProfile {
        public DocumentedLimits() {
            super(
                    Map.of(
                            "gateway.max-body-bytes",
                            String.valueOf(MAX),
                            "gateway.route-timeout",
                            "60s",
                            "gateway.rate-limit-burst",
                            "1000"),
                    PostgresTestResource.class,
                    CountingService.class);
        }
    }

    @TestHTTPResource("/feed/v1/connections/abc/push/students")
    URI push;

    /** Sends {@code size} bytes as a JSON body (with Content-Length), as a vendor's HTTP client does. */
    private HttpResponse<String> push(int size) throws Exception {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        return push(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Sends {@code size} bytes as a JSON body without Content-Length (chunked), as a streaming client does. */
    private HttpResponse<String> pushChunked(int size) throws Exception {
        return push(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[size])));
    }

    private HttpResponse<String> push(HttpRequest.BodyPublisher body) throws Exception {
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(
                    HttpRequest.newBuilder(push)
                            .header("Content-Type", "application/json")
                            .POST(body)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void aPushOfTheDocumentedMaximumReachesFeedServiceWhole() throws Exception {
        HttpResponse<String> answer = push(MAX);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"bytes\":" + MAX + "}");
    }

    /** A POST without a body ({@code Content-Length: 0}), such as a pull's, is forwarded as one. */
    @Test
    void anEmptyBodyIsForwarded() throws Exception {
        HttpResponse<String> answer = push(0);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"bytes\":0}");
    }

    @Test
    void oneByteMoreIs413WithProblemDetails() throws Exception {
        HttpResponse<String> answer = push(MAX + 1);
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body())
                .contains("\"type\":\"urn:ed-fi:api:payload-too-large\"")
                .contains("Request bodies may be at most " + MAX + " bytes.")
                .contains("\"correlationId\"");
    }

    @Test
    void aServiceErrorWithoutABodyReachesTheCallerAsProblemDetails() {
        org.statehub.testing.ProblemDetails.isProblemWithCorrelationHeader(
                        given().contentType(ContentType.JSON)
                                .body("[]")
                                .post("/feed/v1/bare-error")
                                .then(),
                        413)
                .body("type", equalTo("urn:ed-fi:api:payload-too-large"))
                .header("Retry-After", "7");
    }

    /**
     * A body without Content-Length streams through to the service as it arrives, counted on the way: the
     * documented maximum whole, one byte more cut off with a 413 problem from the gateway.
     */
    @Test
    void aChunkedBodyIsCountedAsItStreams() throws Exception {
        HttpResponse<String> whole = pushChunked(MAX);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo("{\"bytes\":" + MAX + "}");
        HttpResponse<String> over = pushChunked(MAX + 1);
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(over.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(over.body()).contains("\"type\":\"urn:ed-fi:api:payload-too-large\"");
    }
}
