package org.statehub.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/**
 * How a service knows who calls: the claims of the request's token, read by {@link TokenClaims}, or the answer that
 * refuses the request before any claim is read. Each service has one: the services that verify tokens with
 * quarkus-oidc hub-oidc's {@code VerifiedCaller}, the gateway its check of its own bearer tokens.
 */
public interface CallerClaims {

    /** What is known of a request's caller. */
    sealed interface Caller {
        /** The claims of the request's token ({@link TokenClaims#NONE} without one). */
        record Known(TokenClaims claims) implements Caller {}

        /** The request is answered before its claims are read (401 without a valid token, 503 ...). */
        record Refused(Response answer) implements Caller {}
    }

    Caller of(ContainerRequestContext request);
}
