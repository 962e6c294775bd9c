package org.statehub.edfi.core.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens this service has already verified, with the identity built from them, until shortly before they
 * expire: a client sends the same token with thousands of requests, and checking its RS256 signature and claims
 * once is enough (a JWT cannot be withdrawn before it expires anyway). Bounded; never holds an expired token.
 */
@Singleton
public class VerifiedTokens {

    private static final int MAX_ENTRIES = 10_000;
    private static final long MARGIN_SECONDS = 5;

    private record Verified(SecurityIdentity identity, long expiresAtEpochSecond) {
    }

    private final ConcurrentHashMap<String, Verified> byToken = new ConcurrentHashMap<>();

    SecurityIdentity find(String token) {
        Verified verified = byToken.get(token);
        if (verified == null) {
            return null;
        }
        if (System.currentTimeMillis() / 1000 >= verified.expiresAtEpochSecond()) {
            byToken.remove(token, verified);
            return null;
        }
        return verified.identity();
    }

    void remember(String token, SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        if (byToken.size() >= MAX_ENTRIES) {
            byToken.clear();
        }
        byToken.put(token, new Verified(QuarkusSecurityIdentity.builder(identity).build(),
                jwt.getExpirationTime() - MARGIN_SECONDS));
    }
}
