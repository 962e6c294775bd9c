package org.statehub.gateway.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.gateway.service.ClientStanding;
import org.statehub.gateway.service.FanOut;
import org.statehub.gateway.service.RateLimiter;
import org.statehub.gateway.service.ServiceConnections;
import org.statehub.gateway.service.SigningKeys;
import org.statehub.http.Correlation;
import org.statehub.http.Problem;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/**
 * Passes a request to one of the services and its answer back, both as streams with their status and headers,
 * adding a {@code correlation-id} when the caller sent none and telling the service the public host so its
 * {@code Location} headers point here. A service that is down gives 502, one that is too slow 504, both as
 * problem details. Each caller (the token's client, else the address) is rate limited (429 with Retry-After);
 * oversized bodies get 413.
 */
@ApplicationScoped
public class Forwarder {

    private static final Logger LOG = Logger.getLogger(Forwarder.class);
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    @Inject
    GatewayConfig config;

    @Inject
    RateLimiter limiter;

    @Inject
    org.statehub.gateway.service.ClientRateLimits limits;

    @Inject
    SigningKeys keys;

    @Inject
    ClientStanding standing;

    /**
     * Forwards a request to {@code serviceName} (a key of {@code gateway.services}); {@code null} or an unknown
     * name answers 404.
     */
    Response forward(
            String method,
            String serviceName,
            HttpHeaders headers,
            UriInfo uri,
            InputStream body,
            HttpServerRequest request) {
        String correlationId = correlationId(headers);
        Response refused = refuseCaller(headers, request, correlationId);
        if (refused != null) {
            return refused;
        }
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        long declared = length == null ? -1 : parseLong(length);
        if (declared > config.maxBodyBytes()) {
            return ProblemResponses.of(Problems.payloadTooLarge(config.maxBodyBytes()), correlationId);
        }
        GatewayConfig.Service service =
                serviceName == null ? null : config.services().get(serviceName);
        if (service == null) {
            return ProblemResponses.of(Problems.dataNotFound(), correlationId);
        }
        String target = service.url().replaceAll("/$", "")
                + uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null
                        ? ""
                        : "?" + uri.getRequestUri().getRawQuery());
        LimitedBody limited = body == null ? null : new LimitedBody(body, config.maxBodyBytes());
        HttpRequest.BodyPublisher publisher = limited == null || declared == 0
                ? HttpRequest.BodyPublishers.noBody()
                : declared > 0
                        ? HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> limited), declared)
                        : HttpRequest.BodyPublishers.ofInputStream(() -> limited);
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target))
                .timeout(config.routeTimeout())
                .method(method, publisher);
        headers.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))
                    && !name.equalsIgnoreCase("correlation-id")
                    && !name.toLowerCase(Locale.ROOT).startsWith("x-forwarded-")) {
                values.forEach(v -> forward.header(name, v));
            }
        });
        forward.header("correlation-id", correlationId);
        forward.header(
                "X-Forwarded-Host",
                request.authority() != null
                        ? request.authority().toString()
                        : request.host() != null
                                ? request.host()
                                : URI.create(config.issuer()).getAuthority());
        forward.header("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        try {
            HttpResponse<InputStream> answer =
                    ServiceConnections.CLIENT.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (answer.statusCode() >= 400
                    && !answer.headers().firstValue("Content-Type").orElse("").contains("json")) {
                // an error answer without a problem body (the HTTP layer's own): the caller still gets one
                answer.body().close();
                LOG.warnf(
                        "%s answered %d without a problem body (correlation id %s)",
                        serviceName, answer.statusCode(), correlationId);
                Response.ResponseBuilder problem = Response.fromResponse(
                        ProblemResponses.of(Problems.ofStatus(answer.statusCode(), null), correlationId));
                for (String kept : List.of("Retry-After", "WWW-Authenticate", "Allow")) {
                    answer.headers().firstValue(kept).ifPresent(value -> problem.header(kept, value));
                }
                return problem.build();
            }
            Response.ResponseBuilder response = Response.status(answer.statusCode());
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> response.header(name, v));
                }
            });
            if (answer.headers().firstValue("correlation-id").isEmpty()) {
                response.header("correlation-id", correlationId);
            }
            return response.entity(answer.body()).build();
        } catch (HttpTimeoutException e) {
            return unavailable(serviceName, true, correlationId);
        } catch (ConnectException e) {
            return unavailable(serviceName, false, correlationId);
        } catch (java.io.IOException e) {
            if (limited != null && limited.exceeded()) {
                return ProblemResponses.of(Problems.payloadTooLarge(config.maxBodyBytes()), correlationId);
            }
            LOG.warnf("Routing to %s failed (correlation id %s): %s", target, correlationId, e);
            return unavailable(502, "Bad Gateway", serviceName + " did not answer.", correlationId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(503, "Service Unavailable", "The gateway is shutting down.", correlationId);
        }
    }

    /** The request's correlation id (hub-http's {@link Correlation}: the caller's, or a new one). */
    static String correlationId(HttpHeaders headers) {
        String correlationId = Correlation.current();
        return correlationId == null ? UUID.randomUUID().toString().replace("-", "") : correlationId;
    }

    /**
     * 401 for a token of a revoked client; 429 with Retry-After when the caller (its token's client, else its
     * address) is over its rate; else null.
     */
    Response refuseCaller(HttpHeaders headers, HttpServerRequest request, String correlationId) {
        String client = client(headers);
        if (client != null && !standing.active(client)) {
            return ProblemResponses.of(
                    Problems.unauthenticated("This client's access has been revoked."), correlationId);
        }
        long wait = client != null
                ? limiter.acquire("client:" + client, limits.limitOf(client))
                : limiter.acquire(
                        "address:"
                                + (request.remoteAddress() == null
                                        ? "unknown"
                                        : request.remoteAddress().host()),
                        limits.defaultLimit());
        if (wait <= 0) {
            return null;
        }
        return Response.fromResponse(ProblemResponses.of(Problems.tooManyRequests(wait), correlationId))
                .header("Retry-After", wait)
                .build();
    }

    /**
     * For the gateway's own answers that span the services: 401 without a valid token of this gateway, 429 over
     * the rate; else null.
     */
    Response admit(HttpHeaders headers, HttpServerRequest request, String correlationId) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ProblemResponses.of(
                    Problems.unauthenticated(
                            authorization == null
                                    ? "Authorization header is missing."
                                    : "Unknown Authorization header scheme."),
                    correlationId);
        }
        if (keys.verify(authorization.substring(7).trim()) == null) {
            return ProblemResponses.of(Problems.unauthenticated("Invalid token"), correlationId);
        }
        return refuseCaller(headers, request, correlationId);
    }

    /** A service's refusal passed on as it is, or 502/504 for one that did not answer. */
    Response failed(FanOut.Failure failure, String correlationId) {
        return switch (failure) {
            case FanOut.Unanswered down -> unavailable(down.service(), down.timedOut(), correlationId);
            case FanOut.Refused refused ->
                refused.body() == null || refused.body().isBlank()
                        ? ProblemResponses.of(Problems.ofStatus(refused.status(), null), correlationId)
                        : Response.status(refused.status())
                                .type(ProblemResponses.PROBLEM_JSON_TYPE)
                                .entity(refused.body())
                                .header("correlation-id", correlationId)
                                .build();
        };
    }

    /** 502 (down) or 504 (too slow) for a service that did not answer, as problem details. */
    Response unavailable(String serviceName, boolean timedOut, String correlationId) {
        return timedOut
                ? unavailable(
                        504,
                        "Gateway Timeout",
                        serviceName + " did not answer in "
                                + config.routeTimeout().toSeconds() + " s.",
                        correlationId)
                : unavailable(502, "Bad Gateway", serviceName + " is not reachable.", correlationId);
    }

    Response unavailable(int status, String title, String error, String correlationId) {
        return Response.fromResponse(ProblemResponses.of(
                        new Problem(
                                Problems.SYSTEM + ":" + (status == 504 ? "timeout" : "unavailable"),
                                title,
                                status,
                                "The service that stores this data cannot answer " + "right now. Try again shortly.",
                                null,
                                null,
                                List.of(error)),
                        correlationId))
                .header("Retry-After", 5)
                .build();
    }

    /** The caller's body, refused once more than {@code limit} bytes have been read (413). */
    static final class LimitedBody extends java.io.FilterInputStream {

        private final long limit;
        private long read;
        private boolean exceeded;

        LimitedBody(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        boolean exceeded() {
            return exceeded;
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            int n = super.read(buffer, offset, length);
            count(n);
            return n;
        }

        private void count(int n) throws java.io.IOException {
            if (n > 0) {
                read += n;
                if (read > limit) {
                    exceeded = true;
                    throw new java.io.IOException("Request body over " + limit + " bytes");
                }
            }
        }
    }

    /** A verified token's client and when the token expires (epoch seconds). */
    private record Verified(String client, long expires) {}

    /**
     * Tokens verified here, for naming the caller of the rate limit: an RS256 verification per routed call cost
     * the gateway about as much as forwarding it. Bounded; an expired entry is verified again (and fails).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The client of a valid bearer token of this gateway, else null. */
    private String client(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            long now = System.currentTimeMillis() / 1000;
            Verified known = verified.get(token);
            if (known != null && known.expires() > now) {
                return known.client();
            }
            JwtClaims claims = keys.verify(token);
            if (claims != null) {
                try {
                    String client = claims.getSubject();
                    if (verified.size() > 10_000) {
                        verified.clear();
                    }
                    verified.put(
                            token,
                            new Verified(client, claims.getExpirationTime().getValue()));
                    return client;
                } catch (MalformedClaimException ignored) {
                    // no client: the caller is named by its address
                }
            }
        }
        return null;
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
