package org.statehub.gateway.api;

import java.util.Optional;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.statehub.gateway.persistence.ApiClient;
import org.statehub.gateway.service.ClientService;
import org.statehub.gateway.service.SigningKeys;

/**
 * The caller of a gateway endpoint that takes this gateway's own bearer tokens (the admin API, token info): the
 * verified claims and the client, still active, that they name; or, when there is none, the reason for the 401.
 */
record BearerCaller(JwtClaims claims, ApiClient client, String refusal) {

    static BearerCaller of(String authorization, SigningKeys keys, ClientService clients) {
        if (authorization == null) {
            return refused("Authorization header is missing.");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (!parts[0].equalsIgnoreCase("Bearer")) {
            return refused("Unknown Authorization header scheme.");
        }
        if (parts.length < 2 || parts[1].isBlank()) {
            return refused("Missing Authorization header bearer token value.");
        }
        JwtClaims claims = keys.verify(parts[1].trim());
        Optional<ApiClient> client = claims == null ? Optional.empty() : client(claims, clients);
        return client.isEmpty() ? refused("Invalid token") : new BearerCaller(claims, client.get(), null);
    }

    /** The active client these verified claims name, if any. */
    static Optional<ApiClient> client(JwtClaims claims, ClientService clients) {
        try {
            String subject = claims.getSubject();
            return subject == null ? Optional.empty() : clients.find(subject).filter(ApiClient::usable);
        } catch (MalformedClaimException e) {
            return Optional.empty();
        }
    }

    boolean refused() {
        return refusal != null;
    }

    private static BearerCaller refused(String reason) {
        return new BearerCaller(null, null, reason);
    }
}
