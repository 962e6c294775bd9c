package org.statehub.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ServiceClient} against a real local HTTP server (Vert.x): retries, time-outs and the token cache. */
class ServiceClientTest {

    private static Vertx vertx;
    private HttpServer server;
    private String base;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            server = null;
        }
    }

    /** Serves every request with {@code handler}, after noting its method, path and Authorization header. */
    private void serve(Consumer<HttpServerRequest> handler) throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    seen.add(request.method() + " " + request.path() + " " + request.getHeader("Authorization"));
                    handler.accept(request);
                })
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
    }

    private static ServiceClient client(Duration timeout) {
        return new ServiceClient(ServiceClient.Settings.of(timeout));
    }

    @Test
    void aGetWhoseConnectionDropsIsSentAgainAndAnswered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        serve(request -> {
            // the first two die without an answer (the JDK client itself sends a GET once more on a dropped
            // connection; the third request is the wrapper's retry)
            if (calls.incrementAndGet() <= 2) {
                request.connection().close();
            } else {
                request.response().putHeader("ETag", "\"7\"").end("[1]");
            }
        });
        ServiceClient.Reply reply = client(Duration.ofSeconds(5)).send(ServiceClient.Call.get(base + "/items"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("[1]");
        assertThat(reply.header("ETag")).hasValue("\"7\"");
        assertThat(seen).hasSize(3);
    }

    @Test
    void aPostThatMayHaveArrivedIsNotSentAgain() throws Exception {
        serve(request -> request.connection().close());
        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).send(ServiceClient.Call.post(base + "/items", "{}")))
                .isInstanceOf(IOException.class);
        assertThat(seen).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsRetriedThenAnIOException() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        ServiceClient client = new ServiceClient(
                new ServiceClient.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), 2, Duration.ofMillis(150)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.send(ServiceClient.Call.post("http://127.0.0.1:" + port + "/items", "{}")))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
        // two retries, 150 ms and 300 ms after the failures: the backoff was waited
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }

    @Test
    void aSlowAnswerTimesOutAndIsNotRetried() throws Exception {
        serve(request -> vertx.setTimer(3_000, id -> request.response().end("late")));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client(Duration.ofMillis(300)).send(ServiceClient.Call.get(base + "/slow")))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
        assertThat(seen).hasSize(1);
    }

    @Test
    void aCallsOwnTimeoutOverridesTheSettings() throws Exception {
        serve(request -> vertx.setTimer(800, id -> request.response().end("done")));
        ServiceClient client = client(Duration.ofMillis(200));
        assertThat(client.send(ServiceClient.Call.get(base + "/slow").timeout(Duration.ofSeconds(5)))
                        .text())
                .isEqualTo("done");
    }

    /** A token endpoint that issues t1, t2, ... and a resource that takes only the newest token. */
    private void serveTokensAndData() throws Exception {
        serve(request -> {
            if (request.path().equals("/oauth/token")) {
                request.body().onSuccess(body -> {
                    String basic = request.getHeader("Authorization");
                    boolean known = basic != null
                            && basic.equals("Basic "
                                    + java.util.Base64.getEncoder()
                                            .encodeToString("feed:secret".getBytes(StandardCharsets.UTF_8)));
                    if (!known || !body.toString().equals("grant_type=client_credentials")) {
                        request.response().setStatusCode(401).end("{\"error\":\"invalid_client\"}");
                        return;
                    }
                    int n = tokensIssued.incrementAndGet();
                    request.response()
                            .putHeader("Content-Type", "application/json")
                            .end("{\"access_token\":\"t" + n + "\",\"expires_in\":1800,\"token_type\":\"bearer\"}");
                });
            } else {
                String expected = "Bearer t" + tokensIssued.get();
                boolean ok = expected.equals(request.getHeader("Authorization"));
                request.response().setStatusCode(ok ? 200 : 401).end(ok ? "ok" : "");
            }
        });
    }

    @Test
    void oneTokenServesEveryCallUntilACallIsRefused() throws Exception {
        serveTokensAndData();
        TokenCache cache = new TokenCache();
        Credentials feed = new Credentials(base + "/oauth/token", "feed", "secret");
        ServiceClient client = new ServiceClient(ServiceClient.Settings.of(Duration.ofSeconds(5)), feed, cache);
        assertThat(client.send(ServiceClient.Call.get(base + "/a")).status()).isEqualTo(200);
        assertThat(client.send(ServiceClient.Call.get(base + "/b")).status()).isEqualTo(200);
        // another client object of the same credentials shares the cache's token
        assertThat(new ServiceClient(ServiceClient.Settings.of(Duration.ofSeconds(5)), feed, cache)
                        .send(ServiceClient.Call.get(base + "/c"))
                        .status())
                .isEqualTo(200);
        assertThat(tokensIssued).hasValue(1);

        tokensIssued.incrementAndGet(); // the other side now takes only t2 (say, t1 was revoked)
        assertThat(client.send(ServiceClient.Call.get(base + "/d")).status()).isEqualTo(200);
        assertThat(tokensIssued).hasValue(3); // t1 refused once, then a new token fetched and the call resent
        assertThat(seen).containsSubsequence("GET /d Bearer t1", "GET /d Bearer t3");
    }

    @Test
    void aCallWithoutCredentialsCarriesNoToken() throws Exception {
        serveTokensAndData();
        assertThat(client(Duration.ofSeconds(5))
                        .send(ServiceClient.Call.get(base + "/a"))
                        .status())
                .isEqualTo(401);
        assertThat(seen).containsExactly("GET /a null");
    }

    @Test
    void aRefusedTokenIsAnIOExceptionNamingTheClientNotTheSecret() throws Exception {
        serveTokensAndData();
        Credentials wrong = new Credentials(base + "/oauth/token", "feed", "not-the-secret");
        assertThatThrownBy(() -> client(Duration.ofSeconds(5))
                        .send(ServiceClient.Call.get(base + "/a").as(wrong)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("feed")
                .hasMessageContaining("401")
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void streamsAndAsyncCallsGoTheSameWay() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        serve(request -> {
            if (calls.incrementAndGet() == 1) {
                request.connection().close();
            } else {
                request.response().end("[\"a\",\"b\"]");
            }
        });
        ServiceClient client = client(Duration.ofSeconds(5));
        HttpResponse<InputStream> streamed = client.stream(ServiceClient.Call.get(base + "/s"));
        try (InputStream body = streamed.body()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[\"a\",\"b\"]");
        }
        assertThat(client.sendAsync(ServiceClient.Call.get(base + "/s"))
                        .get(5, TimeUnit.SECONDS)
                        .status())
                .isEqualTo(200);
        stopServer();
        serve(request -> request.connection().close());
        assertThatThrownBy(() -> client.sendAsync(ServiceClient.Call.post(base + "/s", "{}"))
                        .get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
    }
}
