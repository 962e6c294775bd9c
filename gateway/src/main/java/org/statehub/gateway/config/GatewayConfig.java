package org.statehub.gateway.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Optional;

/** Settings of the gateway's token service. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The issuer written into tokens: the gateway's public base URL. */
    String issuer();

    /** How long an access token is valid. */
    Duration tokenLifetime();

    /** The bootstrap state-admin client. */
    Admin admin();

    interface Admin {
        /** Its client id ({@code HUB_ADMIN_CLIENT_ID}); with the secret, created or reset at start. */
        Optional<String> clientId();

        /** Its secret ({@code HUB_ADMIN_CLIENT_SECRET}). */
        Optional<String> clientSecret();
    }
}
