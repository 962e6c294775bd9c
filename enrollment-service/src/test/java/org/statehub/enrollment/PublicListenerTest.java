package org.statehub.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.statehub.http.PublicListener;
import org.statehub.testing.PostgresTestResource;
import org.statehub.testing.TestTokens;

/**
 * The service's own public listener (hub-http's {@link PublicListener}, issue 14): what the HTTP decoder cannot
 * parse gets problem details, not the decoder's bare 400/414/431; everything else is answered exactly as through
 * Quarkus's listener. Raw sockets, so the requests reach the server as broken as they were written.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class PublicListenerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PublicListener listener;

    @Test
    void aHeaderLineWithoutAColonGetsABadRequestProblemAndTheConnectionIsClosed() throws IOException {
        Answer answer = send("GET /data/v3/ed-fi/schools HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n");

        assertProblem(answer, 400, "urn:ed-fi:api:bad-request");
        assertThat(answer.headers().get("connection")).isEqualToIgnoringCase("close");
    }

    @Test
    void aNegativeContentLengthGetsABadRequestProblem() throws IOException {
        Answer answer = send("POST /data/v3/ed-fi/schools HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n");

        assertProblem(answer, 400, "urn:ed-fi:api:bad-request");
    }

    @Test
    void aRequestLineBeyondTheDecodersLimitGetsAUriTooLongProblem() throws IOException {
        Answer answer =
                send("GET /data/v3/ed-fi/schools?x=" + "a".repeat(300_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertProblem(answer, 414, "urn:ed-fi:api:uri-too-long");
    }

    @Test
    void headersBeyondTheDecodersLimitGetAHeaderFieldsTooLargeProblem() throws IOException {
        Answer answer = send(
                "GET /data/v3/ed-fi/schools HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(300_000) + "\r\n\r\n");

        assertProblem(answer, 431, "urn:ed-fi:api:request-header-fields-too-large");
    }

    @Test
    void aParsedRequestIsAnsweredAsQuarkussOwnListenerAnswersIt() throws IOException {
        Answer unknown = send("GET /no/such/route HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertProblem(unknown, 404, "urn:ed-fi:api:not-found");

        Answer read = send("GET /data/v3/ed-fi/schools?limit=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestTokens.stateAdmin() + "\r\ncorrelation-id: listener-1\r\nConnection: close\r\n\r\n");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.headers().get("correlation-id")).isEqualTo("listener-1");
        assertThat(JSON.readTree(read.body()).isArray()).isTrue();

        String body = "{\"nameOfInstitution\": \"No id\"}";
        Answer write = send("POST /data/v3/ed-fi/schools HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestTokens.stateAdmin() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        assertProblem(write, 400, "urn:ed-fi:api:bad-request:data-validation-failed");
        assertThat(JSON.readTree(write.body()).path("validationErrors").has("$.schoolId"))
                .isTrue();
    }

    private static void assertProblem(Answer answer, int status, String type) throws IOException {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo(type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").isTextual()).isTrue();
        assertThat(problem.path("detail").isTextual()).isTrue();
        assertThat(problem.path("correlationId").asText()).isNotBlank();
        assertThat(answer.headers().get("correlation-id"))
                .isEqualTo(problem.path("correlationId").asText());
    }

    /** Writes the request as it is and reads the answer until the server closes the connection. */
    private Answer send(String request) throws IOException {
        assertThat(listener.port()).isPositive();
        try (Socket socket = new Socket("localhost", listener.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before it has read all of an oversized request
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return Answer.parse(all.toString(StandardCharsets.ISO_8859_1));
        }
    }

    private record Answer(int status, Map<String, String> headers, String body) {

        static Answer parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer in %s", raw).isPositive();
            String[] lines = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            String body = raw.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }
}
