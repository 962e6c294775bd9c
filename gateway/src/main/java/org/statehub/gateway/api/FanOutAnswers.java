package org.statehub.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.gateway.service.FanOut;
import org.statehub.gateway.service.SigningKeys;
import org.statehub.gateway.service.YearGrants;
import org.statehub.http.Correlation;
import org.statehub.http.Problem;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;

/**
 * The answers of the gateway's own endpoints that span the services (change queries, the access log): the caller
 * admitted ({@link Callers}), a service's refusal passed on, and 502 (down) or 504 (too slow) with Retry-After as
 * problem details, as {@link ReverseProxy} answers for the routed paths.
 */
@ApplicationScoped
public class FanOutAnswers {

    @Inject
    GatewayConfig config;

    @Inject
    SigningKeys keys;

    @Inject
    Callers callers;

    @Inject
    YearGrants years;

    @Inject
    ObjectMapper json;

    /** The request's correlation id (hub-http's {@link Correlation}: the caller's, or a new one). */
    static String correlationId(HttpHeaders headers) {
        String correlationId = Correlation.current();
        return correlationId == null ? UUID.randomUUID().toString().replace("-", "") : correlationId;
    }

    /**
     * For the gateway's own answers that span the services: 401 without a valid token of this gateway (or with a
     * revoked client's), 429 over the rate; else null.
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
        Callers.Refusal refusal = callers.refusal(
                authorization,
                request.remoteAddress() == null ? null : request.remoteAddress().host());
        if (refusal == null) {
            return null;
        }
        Response refused = ProblemResponses.of(refusal.problem(), correlationId);
        return refusal.retryAfter() > 0
                ? Response.fromResponse(refused)
                        .header("Retry-After", refusal.retryAfter())
                        .build()
                : refused;
    }

    /**
     * 403 when the caller's client is not granted {@code year} ({@link YearGrants}); null when it is, or when no year
     * was named. For answers made with the gateway's own token, after {@link #admit}.
     */
    Response yearRefusal(HttpHeaders headers, String year, String correlationId) {
        if (year == null) {
            return null;
        }
        JwtClaims claims = keys.verify(
                headers.getHeaderString(HttpHeaders.AUTHORIZATION).substring(7).trim());
        String clientId;
        try {
            clientId = claims.getSubject();
        } catch (MalformedClaimException e) {
            clientId = null;
        }
        Object claimSet = claims.getClaimValue("claim_set");
        return clientId != null && years.grants(clientId, claimSet == null ? null : claimSet.toString(), year)
                ? null
                : ProblemResponses.of(
                        Problems.forbidden("The client is not granted school year " + year + "."), correlationId);
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

    /**
     * A failure after part of the work was done, said in {@code detail}: 502 (down) or 504 (too slow) with
     * Retry-After for a service that did not answer, 409 for one that refused (its status and detail in
     * {@code errors}).
     */
    Response failed(FanOut.Failure failure, String correlationId, String detail) {
        Problem problem = switch (failure) {
            case FanOut.Unanswered down -> {
                Problem unanswered = unavailable(down.service(), down.timedOut(), config.routeTimeout());
                yield Problems.of(
                        unanswered.type(),
                        unanswered.title(),
                        unanswered.status(),
                        detail,
                        unanswered.errors().toArray(String[]::new));
            }
            case FanOut.Refused refused ->
                Problems.of(
                        Problems.DATA_CONFLICT,
                        "Conflict",
                        409,
                        detail,
                        "A data service answered " + refused.status() + ": " + detailOf(refused.body()));
        };
        Response answer = ProblemResponses.of(problem, correlationId);
        return failure instanceof FanOut.Unanswered
                ? Response.fromResponse(answer)
                        .header("Retry-After", RETRY_AFTER_SECONDS)
                        .build()
                : answer;
    }

    /** The {@code detail} of a service's problem body, or the body itself when it is not one. */
    private String detailOf(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            return json.readTree(body).path("detail").asText(body);
        } catch (java.io.IOException e) {
            return body;
        }
    }

    /** 502 (down) or 504 (too slow) for a service that did not answer, as problem details. */
    Response unavailable(String serviceName, boolean timedOut, String correlationId) {
        return Response.fromResponse(
                        ProblemResponses.of(unavailable(serviceName, timedOut, config.routeTimeout()), correlationId))
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }

    /** How long a caller is told to wait after a 502 or 504 ({@code Retry-After}). */
    static final int RETRY_AFTER_SECONDS = 5;

    /**
     * The problem of a service that did not answer: 504 when it was too slow ({@code timeout}), else 502; sent with
     * {@code Retry-After: }{@link #RETRY_AFTER_SECONDS}.
     */
    static Problem unavailable(String serviceName, boolean timedOut, Duration timeout) {
        return unavailable(
                timedOut ? 504 : 502,
                timedOut ? "Gateway Timeout" : "Bad Gateway",
                timedOut
                        ? serviceName + " did not answer in " + timeout.toSeconds() + " s."
                        : serviceName + " is not reachable.");
    }

    /** The problem of a service that could not answer (502, 503 or 504), with the reason in its errors. */
    static Problem unavailable(int status, String title, String error) {
        return Problems.of(
                Problems.SYSTEM + ":" + (status == 504 ? "timeout" : "unavailable"),
                title,
                status,
                "The service that stores this data cannot answer right now. Try again shortly.",
                error);
    }
}
