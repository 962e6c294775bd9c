package org.statehub.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A service asked to stop (SIGTERM, as an operator or a platform stops it) while it is working: the request it is
 * handling is answered and stored whole; what arrives while it stops is refused with 503 and problem details (or
 * finds no listener, or its kept-alive connection closed before the request was taken); a request the service
 * has taken is never cut off.
 */
class GracefulStopIT {

    private static final String ADMIN = "stop-admin";
    private static final String ADMIN_SECRET = "stop-admin-secret-0123456789";
    private static final int ITEMS = 1_000;

    @RegisterExtension
    static final Hub hub = Hub.of("statehub_stop", ADMIN, ADMIN_SECRET);

    @Test
    void theWriteInFlightIsAnsweredAndStoredAndLaterCallsAreRefusedWithProblems() throws Exception {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < ITEMS; i++) {
            items.append(i == 0 ? "" : ",").append("""
                    {"studentUniqueId":"STOP%05d","firstName":"Ama","lastSurname":"Owusu","birthDate":"2011-05-06"}""".formatted(i));
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String service = hub.students.url();
        CompletableFuture<HttpResponse<String>> bulk = http.sendAsync(
                HttpRequest.newBuilder(URI.create(service + "/bulk/v1/ed-fi/students"))
                        .header("Authorization", "Bearer " + hub.adminToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                items.append("]").toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // the bulk write is under way (it stores its items one by one, a thousand take seconds)
        Hub.eventually(
                Duration.ofSeconds(30),
                () -> hub.database.count("SELECT count(*) FROM student.document WHERE resource = 'students'"
                                + " AND body->>'studentUniqueId' LIKE 'STOP%'")
                        > 0);

        List<String> whileStopping = new ArrayList<>();
        Thread caller = new Thread(() -> callUntilRefused(http, service, whileStopping));
        caller.start();
        hub.students.stop();
        caller.join(30_000);

        HttpResponse<String> answer = bulk.get();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("\"status\":5");
        assertThat(hub.database.count("SELECT count(*) FROM student.document WHERE resource = 'students'"
                        + " AND body->>'studentUniqueId' LIKE 'STOP%'"))
                .isEqualTo(ITEMS);
        // every answer given while stopping was a whole one: a success, or 503 with problem details
        assertThat(whileStopping)
                .allMatch(seen -> seen.startsWith("200 application/json")
                        || seen.equals("503 application/problem+json")
                        || seen.startsWith("closed"));
    }

    /** Reads students on fresh connections until none is accepted; records each answer's status and type. */
    private static void callUntilRefused(HttpClient http, String service, List<String> seen) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(URI.create(service + "/data/v3/ed-fi/students?limit=1"))
                                .header("Authorization", "Bearer " + hub.adminToken())
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                seen.add(answer.statusCode() + " "
                        + answer.headers().firstValue("Content-Type").orElse("none"));
            } catch (java.net.ConnectException refused) {
                return;
            } catch (IOException closed) {
                // the listener closed between two requests of a kept-alive connection: nothing was taken
                seen.add("closed " + closed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
