package org.statehub.feed.api;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Feed administration is for StateAdmin clients of the hub. */
final class StateAdmin {

    private StateAdmin() {}

    static boolean is(JsonWebToken token) {
        Object claimSet = token == null ? null : token.getClaim("claim_set");
        return claimSet != null && "StateAdmin".equals(claimSet.toString().replace("\"", ""));
    }
}
