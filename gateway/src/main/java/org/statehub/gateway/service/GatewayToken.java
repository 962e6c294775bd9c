package org.statehub.gateway.service;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.statehub.gateway.config.GatewayConfig;

/**
 * The gateway's own bearer token, for the calls it makes to the services on its own account (change-version
 * checkpoints): the {@code StateAdmin} claim set, signed like every other token, renewed a minute before it
 * expires.
 */
@ApplicationScoped
public class GatewayToken {

    /** The client id the gateway's own calls carry (and the services' access logs show). */
    public static final String CLIENT_ID = "statehub-gateway";

    private record Issued(String token, Instant renewAt) {}

    @Inject
    GatewayConfig config;

    @Inject
    SigningKeys keys;

    private volatile Issued issued;

    /** A valid token for the gateway's own calls. */
    public String bearer() {
        Issued current = issued;
        Instant now = Instant.now();
        if (current == null || now.isAfter(current.renewAt())) {
            Instant expires = now.plus(config.tokenLifetime());
            String token = keys.sign(Jwt.issuer(config.issuer())
                    .subject(CLIENT_ID)
                    .claim("client_id", CLIENT_ID)
                    .claim("claim_set", "StateAdmin")
                    .claim("namespace_prefixes", List.of())
                    .claim("jti", UUID.randomUUID().toString())
                    .issuedAt(now)
                    .expiresAt(expires));
            current = new Issued(token, expires.minusSeconds(60));
            issued = current;
        }
        return current.token();
    }
}
