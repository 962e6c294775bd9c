package org.statehub.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.statehub.gateway.service.ClientRateLimits;
import org.statehub.gateway.service.ClientStanding;
import org.statehub.gateway.service.RateLimiter;
import org.statehub.gateway.service.SigningKeys;
import org.statehub.http.Problem;
import org.statehub.http.Problems;

/**
 * The checks every caller of a routed path (and of the gateway's own answers that span the services) passes: a
 * token of a revoked client is refused (401), and each caller, its token's client or else its address, is held
 * to its rate (429 with Retry-After). Token verification is kept per token; the client's standing and rate limit
 * are read from the client store and kept a few seconds ({@link ClientStanding}, {@link ClientRateLimits}), so
 * {@link #refusalOnEventLoop} reads the store on a worker thread only when what is known has gone stale.
 */
@ApplicationScoped
public class Callers {

    /** Why a caller is refused: the problem, and for 429 the seconds to wait (else 0). */
    public record Refusal(Problem problem, long retryAfter) {}

    @Inject
    RateLimiter limiter;

    @Inject
    ClientRateLimits limits;

    @Inject
    SigningKeys keys;

    @Inject
    ClientStanding standing;

    @Inject
    Vertx vertx;

    /** A verified token's client and when the token expires (epoch seconds). */
    private record Verified(String client, long expires) {}

    /**
     * Tokens verified here, for naming the caller of the rate limit: an RS256 verification per routed call cost
     * the gateway about as much as forwarding it. Bounded; an expired entry is verified again (and fails).
     */
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    /**
     * The refusal of a caller ({@code authorization}: its Authorization header, {@code address}: its IP address),
     * or null when it may go ahead. May read the client store: not for the event loop.
     */
    public Refusal refusal(String authorization, String address) {
        return refusalOf(client(authorization), address);
    }

    /**
     * {@link #refusal} for a request on the event loop: answered there when the client's standing and limit are
     * known and fresh (or the caller has no token), else on a worker thread, which reads the client store.
     */
    public Future<Refusal> refusalOnEventLoop(String authorization, String address) {
        String client = client(authorization);
        if (client == null || (standing.known(client) && limits.known(client))) {
            return Future.succeededFuture(refusalOf(client, address));
        }
        return vertx.executeBlocking(() -> refusalOf(client, address), false);
    }

    private Refusal refusalOf(String client, String address) {
        if (client != null && !standing.active(client)) {
            return new Refusal(Problems.unauthenticated("This client's access has been revoked."), 0);
        }
        long wait = client != null
                ? limiter.acquire("client:" + client, limits.limitOf(client))
                : limiter.acquire("address:" + (address == null ? "unknown" : address), limits.defaultLimit());
        return wait <= 0 ? null : new Refusal(Problems.tooManyRequests(wait), wait);
    }

    /** The client of a valid bearer token of this gateway, else null. */
    private String client(String authorization) {
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
}
