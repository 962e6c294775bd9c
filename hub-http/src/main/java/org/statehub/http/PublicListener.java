package org.statehub.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lombok.RequiredArgsConstructor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The service's public HTTP listener: a Vert.x server of the hub's own that hands every request to Quarkus's
 * router (the same handlers, filters and endpoints as Quarkus's listener) and answers, with problem details, the
 * requests the HTTP decoder could not parse at all (a header line without a colon, a negative
 * {@code Content-Length}, a request line or headers beyond the decoder's limits), which Quarkus's own listener
 * refuses with a bare 400, 414 or 431 and gives the hub no way to change (docs/decisions/0019).
 *
 * <p>It listens on {@code hub.http.listener.port} (the service's {@code quarkus.http.port} in production, where
 * Quarkus's own TCP listener is off; a free port in tests, where Quarkus's stays on for the test client). One
 * server per event loop, like Quarkus's, so connections spread over the event loops.
 */
@ApplicationScoped
public class PublicListener {

    private static final Logger LOG = Logger.getLogger(PublicListener.class);
    /**
     * For port 0: Vert.x binds one free port for all servers given the same negative port (0 would give each server
     * a port of its own). Not -1 to -3: Quarkus's own servers use those for their free test ports, and sharing
     * one would hand some of this listener's connections to Quarkus's servers.
     */
    private static final int SHARED_FREE_PORT = -8000;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper mapper;

    @Inject
    HttpLimits limits;

    @ConfigProperty(name = "quarkus.http.limits.max-initial-line-length", defaultValue = "4096")
    int maxInitialLineLength;

    @ConfigProperty(name = "quarkus.http.limits.max-header-size", defaultValue = "20K")
    io.quarkus.runtime.configuration.MemorySize maxHeaderSize;

    @ConfigProperty(name = "quarkus.http.idle-timeout", defaultValue = "30M")
    java.time.Duration idleTimeout;

    private volatile int port = -1;
    /** Requests handed to the router and not answered yet. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Set when the service begins to stop: new requests get 503. */
    private volatile boolean stopping;

    private final java.util.List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The port the listener is bound to, or -1 when there is none. */
    public int port() {
        return port;
    }

    void start(@Observes StartupEvent started) throws Exception {
        if (limits.listener().port().isEmpty()) {
            return;
        }
        String host = limits.listener().host();
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(
                        limits.listener().port().getAsInt() == 0
                                ? SHARED_FREE_PORT
                                : limits.listener().port().getAsInt())
                .setMaxInitialLineLength(maxInitialLineLength)
                .setMaxHeaderSize((int) maxHeaderSize.asLongValue())
                .setIdleTimeout((int) idleTimeout.toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        // one server per event loop; Vert.x shares the socket among them
        AtomicInteger bound = new AtomicInteger(-1);
        deployments.add(deploy(options, bound, 2 * Runtime.getRuntime().availableProcessors()));
        port = bound.get();
        LOG.infof("Listening on http://%s:%d", host, port);
    }

    private String deploy(HttpServerOptions options, AtomicInteger bound, int instances) throws Exception {
        return vertx.deployVerticle(
                        () -> new Listener(new HttpServerOptions(options), bound),
                        new DeploymentOptions().setInstances(instances))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    /**
     * Counts the requests the router takes, so that stopping can wait for them; once the service is stopping, their
     * answers close their connections.
     */
    void count(@Observes Router router) {
        router.route().order(ORDER_COUNT).handler(rc -> {
            if (rc.get(COUNTED) == null) {
                // once: a request rerouted to its canonical URI passes here again, its end handlers kept
                rc.put(COUNTED, Boolean.TRUE);
                inFlight.incrementAndGet();
                rc.addEndHandler(ended -> inFlight.decrementAndGet());
            }
            // (a reroute drops the headers hooks: added on every pass)
            rc.addHeadersEndHandler(ignored -> {
                // (HTTP/2 has no Connection header: a client refuses an answer with one)
                if (stopping && rc.request().version() != HttpVersion.HTTP_2) {
                    rc.response().putHeader(HttpHeaders.CONNECTION, "close");
                }
            });
            rc.next();
        });
    }

    private static final String COUNTED = "statehub.counted";

    /** Before hub-http's edge: the count includes what the edge refuses. */
    static final int ORDER_COUNT = HttpEdge.ORDER_ADMIT - 10;

    /**
     * Stops the service's HTTP side first of all that stops (before the schedulers, pools and clients that the
     * requests use): new requests get 503 with problem details and {@code Connection: close}, the requests in
     * flight are given up to {@code hub.http.listener.stop-wait} to finish, then the listener closes. (Closed at
     * once, a request in flight lost its connection without an answer, and a write could not tell whether it was
     * stored.)
     */
    void stop(
            @Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE)
                    ShutdownEvent stopped)
            throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + limits.listener().stopWait().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (inFlight.get() > 0) {
            LOG.warnf("Stopping with %d requests still unanswered", inFlight.get());
        }
        for (String id : deployments) {
            try {
                vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debugf("Listener stopped with %s", e);
            }
        }
        deployments.clear();
    }

    /** One server of the listener, on one event loop. */
    @RequiredArgsConstructor
    private final class Listener extends AbstractVerticle {

        private final HttpServerOptions options;
        private final AtomicInteger bound;

        @Override
        public void start(Promise<Void> started) {
            HttpServer server = vertx.createHttpServer(options);
            server.requestHandler(PublicListener.this::handOver)
                    .invalidRequestHandler(PublicListener.this::refuseUnparsed)
                    .listen()
                    .onSuccess(listening -> {
                        if (bound.compareAndSet(-1, listening.actualPort()) || bound.get() == listening.actualPort()) {
                            started.complete();
                        } else {
                            started.fail("The listener's servers bound different ports: " + bound.get() + ", "
                                    + listening.actualPort());
                        }
                    })
                    .onFailure(started::fail);
        }
    }

    /**
     * A parsed request, to Quarkus's router as Quarkus's own listener hands it over: paused until a handler reads
     * the body. (Quarkus's listener also checks the URI there unless {@code vertx.disableURIValidation} is set;
     * every service sets it, decision 0013, and hub-http's edge makes that check with problem details.)
     */
    private void handOver(HttpServerRequest request) {
        io.vertx.core.Handler<HttpServerRequest> root = VertxHttpRecorder.getRootHandler();
        if (root == null) {
            answer(request, Problems.unavailable("The service is starting."), false);
            return;
        }
        if (stopping) {
            answer(request, Problems.unavailable("The service is stopping."), true);
            return;
        }
        if (!request.isEnded()) {
            request.pause();
        }
        root.handle(request);
    }

    /**
     * A request the HTTP decoder could not parse: 414 for a request line over the decoder's limit, 431 for headers
     * over it, else 400, each with problem details, and the connection closed (what follows on it cannot be
     * trusted to start a request).
     */
    void refuseUnparsed(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        Problem problem;
        if (cause instanceof TooLongHttpLineException) {
            problem = Problems.uriTooLong(maxInitialLineLength);
        } else if (cause instanceof TooLongHttpHeaderException) {
            problem = Problems.headersTooLarge(maxHeaderSize.asLongValue());
        } else {
            problem = Problems.badRequest("The request could not be parsed as HTTP/1.1"
                    + (cause == null || cause.getMessage() == null ? "." : ": " + cause.getMessage()));
        }
        LOG.debugf("Unparsable request refused with %d: %s", problem.status(), cause);
        answer(request, problem, true);
    }

    private void answer(HttpServerRequest request, Problem problem, boolean close) {
        HttpServerResponse response = request.response();
        // (an HTTP/2 connection carries other requests, and has no Connection header: left open)
        boolean closing = close && request.version() != HttpVersion.HTTP_2;
        if (closing) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        HttpEdge.send(mapper, response, problem, UUID.randomUUID().toString().replace("-", ""))
                .onComplete(done -> {
                    if (closing) {
                        response.close();
                    }
                });
    }
}
