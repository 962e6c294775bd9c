package org.statehub.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import org.statehub.gateway.persistence.ApiClient;
import org.statehub.jdbc.StoreException;

/**
 * Whether an API client may still use the tokens it holds: it exists, is not revoked and is enabled. The services verify a
 * token's signature and expiry only, so the gateway refuses a revoked client's tokens on every routed call. What
 * it learned is kept for a few seconds (a revocation through this gateway takes effect at once here; on other
 * gateway instances within {@link #FRESH_MILLIS}).
 */
@ApplicationScoped
public class ClientStanding {

    /** How long a client's standing is trusted before it is read again. */
    static final long FRESH_MILLIS = 5_000;

    private record Standing(boolean active, long checkedAt) {}

    @Inject
    ClientService clients;

    private final ConcurrentHashMap<String, Standing> known = new ConcurrentHashMap<>();

    /** Whether the client's tokens are still good. */
    public boolean active(String clientId) {
        if (GatewayToken.CLIENT_ID.equals(clientId)) {
            return true;
        }
        long now = System.currentTimeMillis();
        Standing standing = known.get(clientId);
        if (standing != null && now - standing.checkedAt() < FRESH_MILLIS) {
            return standing.active();
        }
        try {
            boolean active = clients.find(clientId).filter(ApiClient::usable).isPresent();
            if (known.size() > 10_000) {
                known.clear();
            }
            known.put(clientId, new Standing(active, now));
            return active;
        } catch (StoreException e) {
            // the client store is unreachable: the last thing known about the client holds, else its signed token
            return standing == null || standing.active();
        }
    }

    /** Whether {@link #active} can answer for the client from what it knows, without reading the client store. */
    public boolean known(String clientId) {
        Standing standing = known.get(clientId);
        return GatewayToken.CLIENT_ID.equals(clientId)
                || (standing != null && System.currentTimeMillis() - standing.checkedAt() < FRESH_MILLIS);
    }

    /** Forgets what is known of a client (after it was revoked here), so its next call reads it again. */
    public void forget(String clientId) {
        known.remove(clientId);
    }
}
