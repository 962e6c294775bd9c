package org.statehub.feed.api;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.statehub.http.TokenClaims;

/** Feed administration is for StateAdmin clients of the hub (the token read by hub-http's {@link TokenClaims}). */
final class StateAdmin {

    private StateAdmin() {}

    static boolean is(JsonWebToken token) {
        return claims(token).stateAdmin();
    }

    /** The caller's claims ({@link TokenClaims#NONE} without a token). */
    static TokenClaims claims(JsonWebToken token) {
        return TokenClaims.of(token == null ? null : token::getClaim);
    }
}
