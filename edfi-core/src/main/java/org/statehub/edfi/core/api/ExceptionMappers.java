package org.statehub.edfi.core.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.statehub.edfi.core.problem.Problem;
import org.statehub.edfi.core.problem.Problems;

/**
 * Problem details for what fails outside the resource methods (unknown routes, methods, media types) and a
 * last-resort 500 that logs the cause with the correlation id but shows the client nothing of it.
 */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @Inject
    Correlation correlation;

    @Inject
    HttpHeaders headers;

    @ServerExceptionMapper({io.quarkus.security.AuthenticationFailedException.class,
            io.quarkus.security.UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String error = authorization == null ? "Authorization header is missing."
                : !authorization.regionMatches(true, 0, "Bearer", 0, 6) ? "Unknown Authorization header scheme."
                : authorization.trim().length() <= 6 ? "Missing Authorization header bearer token value."
                : "Invalid token";
        return Response.fromResponse(ProblemResponses.of(new Problem(Problems.URN + ":security:authentication",
                "Authentication Failed", 401, "The caller could not be authenticated.", null, null,
                java.util.List.of(error)), correlation.id())).header("WWW-Authenticate", "Bearer").build();
    }

    /** The token could not be checked because the OIDC provider (the gateway) cannot be reached. */
    @ServerExceptionMapper
    public Response oidcUnavailable(io.quarkus.oidc.OIDCException e) {
        LOG.errorf("Token verification unavailable (correlation id %s): %s", correlation.id(), e.getMessage());
        return Response.fromResponse(ProblemResponses.of(Problems.unavailable("The caller's token cannot be checked "
                + "right now: the token issuer is not reachable. Try again shortly."), correlation.id()))
                .header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ProblemResponses.of(Problems.dataNotFound(), correlation.id());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return ProblemResponses.of(Problems.methodNotAllowed("The requested method is not supported by this "
                + "endpoint."), correlation.id());
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e) {
        return ProblemResponses.of(Problems.unsupportedMediaType(headers.getHeaderString(HttpHeaders.CONTENT_TYPE)),
                correlation.id());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Problem problem = new Problem(Problems.URN + ":bad-request", e.getResponse().getStatusInfo()
                .getReasonPhrase(), status, "The request could not be processed.", null, null, null);
        return ProblemResponses.of(problem, correlation.id());
    }

    @ServerExceptionMapper
    public Response database(java.sql.SQLException e) {
        return databaseFailure(e, correlation.id());
    }

    /**
     * 503 with Retry-After when the database is unreachable, restarting or out of connections (the request may
     * simply be repeated); 400 or 409 when it refused the data ({@link #refusedData}); 500 for any other
     * failure. The cause is logged, never shown.
     */
    static Response databaseFailure(java.sql.SQLException e, String correlationId) {
        Response refused = refusedData(e, correlationId);
        if (refused != null) {
            return refused;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean unavailable = state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                || (state.isEmpty() && String.valueOf(e.getMessage()).toLowerCase().contains("acquisition timeout"));
        if (unavailable) {
            LOG.errorf(e, "Unavailable: the database or a linked service cannot be reached (correlation id %s)", correlationId);
            return Response.fromResponse(ProblemResponses.of(
                    Problems.unavailable("The data store cannot be reached right now. Try again shortly."),
                    correlationId)).header("Retry-After", "5").build();
        }
        LOG.errorf(e, "Database failure (correlation id %s)", correlationId);
        return ProblemResponses.of(Problems.unexpected(), correlationId);
    }

    /**
     * 400 or 409 when the database refused the request's data itself, so that the client can correct it: SQLSTATE
     * class 22 (data exception: a value out of range or not text) and 54 (program limit exceeded) give 400, class
     * 23 (integrity constraint violation) 409. Null for any other failure. Logged with the SQLSTATE only: the
     * driver's message may carry the statement and the values.
     */
    static Response refusedData(java.sql.SQLException e, String correlationId) {
        String state = e.getSQLState();
        if (state == null && e.getNextException() != null) {
            state = e.getNextException().getSQLState(); // a batch reports its entry's failure as the next one
        }
        Problem problem = state == null ? null
                : state.startsWith("22") ? Problems.dataNotStorable()
                : state.startsWith("23") ? Problems.dataConflict()
                : state.startsWith("54") ? Problems.dataTooComplex()
                : null;
        if (problem == null) {
            return null;
        }
        LOG.warnf("The database refused the request's data: SQLSTATE %s (correlation id %s)", state, correlationId);
        return ProblemResponses.of(problem, correlationId);
    }

    /** The client went away or sent a broken body; nothing to tell it, nothing wrong here. */
    @ServerExceptionMapper
    public Response unreadable(java.io.IOException e) {
        LOG.debugf(e, "Request body unreadable (correlation id %s)", correlation.id());
        return ProblemResponses.of(Problems.badRequest("The request body could not be read."), correlation.id());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "Unexpected failure (correlation id %s)", correlation.id());
        return ProblemResponses.of(Problems.unexpected(), correlation.id());
    }
}
