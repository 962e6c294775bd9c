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

    /** The services the gateway routes to, by the contract's service names (e.g. {@code student-service}). */
    java.util.Map<String, Service> services();

    /** How long a routed call may take before the gateway answers 504. */
    @io.smallrye.config.WithDefault("30s")
    Duration routeTimeout();

    /**
     * Most connections the gateway keeps open to each service it routes to (kept alive and reused; a request
     * beyond them waits for one to be free).
     */
    @io.smallrye.config.WithDefault("128")
    int serviceConnections();

    /**
     * Largest request body routed, in bytes (413 above): at least the largest body a service behind the gateway
     * accepts (feed-service's pushes, 64 MiB).
     */
    @io.smallrye.config.WithDefault("67108864")
    long maxBodyBytes();

    /**
     * Requests per second one client (or, without a token, one address) may make by default; 429 above. A client's
     * own limit is set in the admin API ({@code /admin/v1/clients/{id}/rateLimit}).
     */
    @io.smallrye.config.WithDefault("1000")
    int rateLimitPerSecond();

    /** Requests one client may make by default in a burst above the rate. */
    @io.smallrye.config.WithDefault("2000")
    int rateLimitBurst();

    interface Service {
        /** Base URL of the service. */
        String url();
    }

    /** The Ed-Fi Admin API surface ({@code /adminapi}). */
    AdminApi adminapi();

    interface AdminApi {
        /**
         * Whether {@code /adminapi/connect/register} creates StateAdmin clients ({@code ADMINAPI_REGISTRATION});
         * off by default: it is an unauthenticated endpoint that makes state administrators.
         */
        @io.smallrye.config.WithDefault("false")
        boolean registration();
    }

    /** The bootstrap state-admin client. */
    Admin admin();

    interface Admin {
        /** Its client id ({@code HUB_ADMIN_CLIENT_ID}); with the secret, created or reset at start. */
        Optional<String> clientId();

        /** Its secret ({@code HUB_ADMIN_CLIENT_SECRET}). */
        Optional<String> clientSecret();
    }
}
