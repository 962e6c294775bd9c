package org.statehub.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Problem details for what fails outside the resource methods (unknown routes, methods, media types, bodies that
 * are not JSON, parameters of the wrong type, missing tokens) and a last-resort 500 that logs the cause with the
 * correlation id but shows the client nothing of it. Every service has these through this module.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper({
        io.quarkus.security.AuthenticationFailedException.class,
        io.quarkus.security.UnauthorizedException.class
    })
    public Response unauthenticated(RuntimeException e, HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String error = authorization == null
                ? "Authorization header is missing."
                : !authorization.regionMatches(true, 0, "Bearer", 0, 6)
                        ? "Unknown Authorization header scheme."
                        : authorization.trim().length() <= 6
                                ? "Missing Authorization header bearer token value."
                                : "Invalid token";
        return Response.fromResponse(ProblemResponses.of(Problems.unauthenticated(error)))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    /** The client directory could not be asked (decision 0009): the request may simply be repeated. */
    @ServerExceptionMapper
    public Response directoryUnavailable(ClientDirectory.UnavailableException e) {
        LOG.errorf("Unavailable: %s (correlation id %s)", e.getMessage(), Correlation.current());
        return Response.fromResponse(ProblemResponses.of(Problems.unavailable(
                        "The caller's education organizations and profiles cannot be looked up right now (the client "
                                + "directory is not answering). Try again shortly.")))
                .header("Retry-After", "5")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return ProblemResponses.of(Problems.forbidden("The caller's claim set does not allow this request."));
    }

    /**
     * 404 for an unknown path; 400 when a path or query parameter could not be converted to its type (JAX-RS
     * says 404 for those, but the path exists: the value is what is wrong).
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        if (e.getCause() != null) {
            return ProblemResponses.of(
                    Problems.parameterValidation(List.of("A path or query parameter has a value of the wrong type.")));
        }
        return ProblemResponses.of(Problems.dataNotFound());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return ProblemResponses.of(
                Problems.methodNotAllowed("The requested method is not supported by this " + "endpoint."));
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e, HttpHeaders headers) {
        return ProblemResponses.of(
                Problems.unsupportedMediaType(String.valueOf(headers.getHeaderString(HttpHeaders.CONTENT_TYPE))));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpHeaders headers) {
        return ProblemResponses.of(Problems.notAcceptable(String.valueOf(headers.getHeaderString(HttpHeaders.ACCEPT))));
    }

    /** A body that is JSON but not of the shape the endpoint reads (a string where a number belongs, ...). */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return ProblemResponses.of(Problems.badRequest("The request body does not have the expected shape"
                + (e.getPath().isEmpty() ? "." : " at '" + path(e) + "'.")));
    }

    @ServerExceptionMapper
    public Response unparsable(JacksonException e) {
        return ProblemResponses.of(Problems.badRequest("The request body is not valid JSON."));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (status == 400 && e.getCause() instanceof JacksonException) {
            return unparsable((JacksonException) e.getCause());
        }
        return ProblemResponses.of(
                Problems.ofStatus(status, e.getResponse().getStatusInfo().getReasonPhrase()));
    }

    @ServerExceptionMapper
    public Response database(SQLException e) {
        return databaseFailure(e, Correlation.current());
    }

    /**
     * 503 with Retry-After when the database is unreachable, restarting or out of connections (the request may
     * simply be repeated); 400 when PostgreSQL refused a value of the request (SQL state class 22: a NUL
     * character, a number out of range, ...) or a value beyond its limits (class 54), 409 when it broke an
     * integrity rule (class 23); 500 for any other database failure. The cause is logged, never shown (no SQL
     * text in any answer).
     */
    public static Response databaseFailure(SQLException e, String correlationId) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean unavailable = state.startsWith("08")
                || state.startsWith("57P")
                || state.startsWith("53")
                || (state.isEmpty()
                        && String.valueOf(e.getMessage()).toLowerCase().contains("acquisition timeout"));
        if (unavailable) {
            LOG.errorf(
                    e,
                    "Unavailable: the database or a linked service cannot be reached (correlation id %s)",
                    correlationId);
            return Response.fromResponse(ProblemResponses.of(
                            Problems.unavailable("The data store cannot be reached right now. Try again shortly."),
                            correlationId))
                    .header("Retry-After", "5")
                    .build();
        }
        if (state.startsWith("22") || state.startsWith("54")) { // 54: a program limit (too large, too deep)
            LOG.infof("A value was refused by the database (correlation id %s, SQL state %s)", correlationId, state);
            return ProblemResponses.of(
                    Problems.badRequest("A value in the request cannot be stored (for example "
                            + "it contains a NUL character or is out of range)."),
                    correlationId);
        }
        if (state.startsWith("23")) {
            LOG.infof("An integrity rule refused the request (correlation id %s, SQL state %s)", correlationId, state);
            return ProblemResponses.of(Problems.conflict("The request conflicts with the stored data."), correlationId);
        }
        LOG.errorf(e, "Database failure (correlation id %s)", correlationId);
        return ProblemResponses.of(Problems.unexpected(), correlationId);
    }

    /** The client went away or sent a broken body; nothing to tell it, nothing wrong here. */
    @ServerExceptionMapper
    public Response unreadable(java.io.IOException e) {
        LOG.debugf(e, "Request body unreadable (correlation id %s)", Correlation.current());
        return ProblemResponses.of(Problems.badRequest("The request body could not be read."));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return failure(e, Correlation.current());
    }

    /**
     * The answer to a failure nobody handled: the database failure's ({@link #databaseFailure}) when an
     * SQLException caused it (a store's unchecked exception carries one), else a logged 500.
     */
    public static Response failure(Throwable e, String correlationId) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return databaseFailure(sql, correlationId);
            }
        }
        LOG.errorf(e, "Unexpected failure (correlation id %s)", correlationId);
        return ProblemResponses.of(Problems.unexpected(), correlationId);
    }

    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder("$");
        e.getPath().forEach(reference -> {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        });
        return path.toString();
    }
}
