package org.statehub.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The HTTP edge of every service, below JAX-RS: gives each request its correlation id (header, log context),
 * refuses what no endpoint can take with problem details before the framework reads it (a URI or headers over
 * {@link HttpLimits}, a body over {@code quarkus.http.limits.max-body-size}, declared or, sent without
 * {@code Content-Length}, counted as it arrives, a NUL character or a broken
 * %-escape in the path or query, HTTP/1.0 without {@code Host}), matches path words and query parameter names
 * without regard to case ({@link CanonicalCase}, by the service's {@link RouteVocabulary}), and answers with
 * problem details what no route takes (404) and what fails in the HTTP layer itself.
 */
@ApplicationScoped
public class HttpEdge {

    private static final Logger LOG = Logger.getLogger(HttpEdge.class);
    /** After Quarkus's own first handlers (start time, body handler), before compression, security and routes. */
    static final int ORDER_ADMIT = -100;
    /** After security, before JAX-RS (10000): Quarkus's ROUTE_ORDER_BEFORE_DEFAULT. */
    static final int ORDER_READ_UNSIZED = 1000;
    /** After every route, including the JAX-RS one (10000). */
    static final int ORDER_UNMATCHED = Integer.MAX_VALUE;

    @Inject
    ObjectMapper mapper;

    @Inject
    HttpLimits limits;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    /** The service's words: every {@link RouteVocabulary} bean it declares, together (none when it has none). */
    @Inject
    jakarta.enterprise.inject.Instance<RouteVocabulary> vocabularies;

    private volatile RouteVocabulary vocabulary;

    void install(@Observes Router router) {
        router.route().order(ORDER_ADMIT).handler(this::admit);
        router.route().order(ORDER_ADMIT).failureHandler(this::failed);
        router.route().order(ORDER_READ_UNSIZED).handler(this::readUnsized);
        router.route().order(ORDER_UNMATCHED).handler(rc -> write(rc, Problems.dataNotFound()));
    }

    /** Largest request body, in bytes (Quarkus's default is 10 MiB). */
    public long maxBodyBytes() {
        return maxBodySize.map(MemorySize::asLongValue).orElse(10L * 1024 * 1024);
    }

    void admit(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String id = rc.get(ADMITTED);
        if (id != null) {
            // rerouted to its canonical URI: admitted already
            // (Vert.x Web drops the header hook on a reroute: added again)
            answerWith(rc, id);
            rc.next();
            return;
        }
        id = Correlation.choose(request.getHeader(Correlation.HEADER), queryValue(request.query()));
        answerWith(rc, id);
        Problem refusal = refusal(request);
        if (refusal != null) {
            write(rc, refusal);
            return;
        }
        rc.put(ADMITTED, id);
        String canonical = CanonicalCase.rewrite(vocabulary(), request.path(), request.query());
        if (canonical != null) {
            rc.reroute(request.method(), canonical);
        } else {
            rc.next();
        }
    }

    /** Makes {@code id} the request's correlation id, in its log context and on its answer. */
    private static void answerWith(RoutingContext rc, String id) {
        Correlation.set(id);
        MDC.put("correlationId", id);
        rc.addHeadersEndHandler(ignored -> {
            HttpServerResponse response = rc.response();
            if (response.headers().get(Correlation.HEADER) == null) {
                response.putHeader(Correlation.HEADER, id);
            }
        });
    }

    /**
     * A body sent without {@code Content-Length} (chunked) is read here, after security and before JAX-RS, up to
     * the body limit, so that one over the limit is refused with problem details (413, {@link #failed}) rather
     * than with Quarkus's bare 413 while JAX-RS reads it. JAX-RS then takes the body already read.
     */
    void readUnsized(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (limits.readUnsizedBodies()
                && request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
                && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                && !request.isEnded()) {
            unsizedBodies().handle(rc);
        } else {
            rc.next();
        }
    }

    private volatile BodyHandler unsizedBodies;

    private BodyHandler unsizedBodies() {
        BodyHandler handler = unsizedBodies;
        if (handler == null) {
            handler = BodyHandler.create(false).setBodyLimit(maxBodyBytes()).setDeleteUploadedFilesOnEnd(true);
            unsizedBodies = handler;
        }
        return handler;
    }

    private static final String ADMITTED = "statehub.admitted";

    private RouteVocabulary vocabulary() {
        RouteVocabulary known = vocabulary;
        if (known == null) {
            RouteVocabulary.Builder all = RouteVocabulary.builder();
            vocabularies.forEach(all::include);
            known = all.build();
            vocabulary = known;
        }
        return known;
    }

    private Problem refusal(HttpServerRequest request) {
        String uri = request.uri();
        if (uri.length() > limits.maxUriLength()) {
            return Problems.uriTooLong(limits.maxUriLength());
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > limits.maxHeaderBytes()) {
            return Problems.headersTooLarge(limits.maxHeaderBytes());
        }
        if (request.version() == HttpVersion.HTTP_1_0 && request.getHeader(HttpHeaders.HOST) == null) {
            return Problems.badRequest("A Host header is required.");
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes()) {
                    return Problems.payloadTooLarge(maxBodyBytes());
                }
            } catch (NumberFormatException e) {
                return Problems.badRequest("The Content-Length header is not a number.");
            }
        }
        try {
            new java.net.URI(uri);
        } catch (java.net.URISyntaxException e) {
            // (Quarkus answers these with a bare 400 unless its own check is off: HubMain switches it off)
            return Problems.parameterValidation(java.util.List.of(
                    "The request URI is malformed: characters " + "outside RFC 3986 must be %-escaped."));
        }
        String decoded;
        try {
            decoded = java.net.URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Problems.parameterValidation(java.util.List.of("The request URI has a malformed %-escape."));
        }
        if (decoded.indexOf('\0') >= 0) {
            return Problems.parameterValidation(java.util.List.of(
                    "The request URI contains a NUL character (%00), which no path or query value may contain."));
        }
        return null;
    }

    /** A failure in the HTTP layer (a handler's {@code fail(status)} or exception) as problem details. */
    void failed(RoutingContext rc) {
        if (rc.failure() instanceof io.vertx.core.http.HttpClosedException) {
            // the connection is gone (the client left, or a body over the limit was refused): no one to answer
            LOG.debugf("Connection closed while the request was read (correlation id %s)", Correlation.current());
            return;
        }
        int status = rc.statusCode() < 400 ? 500 : rc.statusCode();
        if (status >= 500) {
            LOG.errorf(rc.failure(), "HTTP layer failure (correlation id %s)", Correlation.current());
        }
        write(rc, Problems.ofStatus(status, null));
    }

    /**
     * Writes a problem as the whole answer, unless an answer has begun already (headers put on the response before,
     * such as {@code Retry-After}, go with it). A 413, 414 or 431 closes the connection once written: the body is
     * not read.
     */
    public void write(RoutingContext rc, Problem problem) {
        HttpServerResponse response = rc.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        boolean refusedUnread = problem.status() == 413 || problem.status() == 414 || problem.status() == 431;
        if (refusedUnread && rc.request().version() != HttpVersion.HTTP_2) {
            // the body is not read: close the connection once the answer is out, as the HTTP layer would
            response.putHeader(HttpHeaders.CONNECTION, "close");
            send(mapper, response, problem, Correlation.current())
                    .onComplete(done -> dropRest(
                            rc.vertx(),
                            rc.request(),
                            rc.request().isEnded(),
                            () -> rc.request().connection().close()));
        } else {
            send(mapper, response, problem, Correlation.current());
        }
    }

    /**
     * Ends {@code response} with {@code problem} as its whole answer: its status, {@code application/problem+json},
     * the correlation id in body and header, {@code WWW-Authenticate} on a 401 and {@code Retry-After} on a 503
     * unless the response has them already. The one writer of problems below JAX-RS ({@link PublicListener} uses it
     * for what never reaches the router).
     */
    static io.vertx.core.Future<Void> send(
            ObjectMapper mapper, HttpServerResponse response, Problem problem, String correlationId) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(problem.withCorrelationId(correlationId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.PROBLEM_JSON);
        if (correlationId != null && !response.headers().contains(Correlation.HEADER)) {
            response.putHeader(Correlation.HEADER, correlationId);
        }
        if (problem.status() == 401 && !response.headers().contains("WWW-Authenticate")) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        if (problem.status() == 503 && !response.headers().contains(HttpHeaders.RETRY_AFTER)) {
            response.putHeader(HttpHeaders.RETRY_AFTER, "5");
        }
        return response.end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    /**
     * What is left of a request body that will not be used, read and dropped; then {@code then} runs, once: when the
     * body has ended or failed, or after {@value #DRAIN_MILLIS} ms at the most. A refused body is drained rather
     * than left unread: closing a connection the caller is still writing to resets it, and a reset can discard the
     * answer before the caller reads it (seen: a 64 MiB push answered 413 reached the client as "no bytes"); and
     * a connection whose body was read to its end can carry the caller's next request.
     */
    public static void dropRest(
            io.vertx.core.Vertx vertx,
            io.vertx.core.streams.ReadStream<io.vertx.core.buffer.Buffer> body,
            boolean ended,
            Runnable then) {
        if (ended) {
            then.run();
            return;
        }
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                then.run();
            }
        };
        long timer = vertx.setTimer(DRAIN_MILLIS, ignored -> once.run());
        io.vertx.core.Handler<Object> done = ignored -> {
            vertx.cancelTimer(timer);
            once.run();
        };
        try {
            body.handler(dropped -> {});
            body.endHandler(done::handle);
            body.exceptionHandler(done::handle);
            body.resume();
        } catch (IllegalStateException alreadyRead) {
            done.handle(null);
        }
    }

    private static final long DRAIN_MILLIS = 5_000;

    /** The {@code correlationId} query parameter (its name in any case, its value %-decoded), or null. */
    static String queryValue(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals == "correlationId".length() && pair.regionMatches(true, 0, "correlationId", 0, equals)) {
                try {
                    return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
