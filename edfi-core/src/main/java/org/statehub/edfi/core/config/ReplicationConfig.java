package org.statehub.edfi.core.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Replicas of other services' resources, fed by their change queries. */
@ConfigMapping(prefix = "edfi.replication")
public interface ReplicationConfig {

    /** Whether replicas are kept and references into other services are checked against them. */
    @WithDefault("true")
    boolean enabled();

    /** How often each source is polled (at least 1s: the scheduler does not run jobs more often). */
    @WithDefault("1s")
    Duration interval();

    /** How many change versions before the watermark each window re-reads (late commits of the source). */
    @WithDefault("1000")
    long overlap();

    /** Timeout of one call to a source. */
    @WithDefault("5s")
    Duration timeout();

    /** Longest wait between attempts while a source is unreachable (the wait doubles from the interval). */
    @WithDefault("10s")
    Duration maxBackoff();

    /** The token endpoint this service gets its own access token from, for calls to the sources. */
    String tokenUrl();

    /** This service's API client id (empty: calls carry no token). */
    java.util.Optional<String> clientId();

    /** Its secret. */
    java.util.Optional<String> clientSecret();

    /** The client this service calls the sources (and the other services) as. */
    default org.statehub.http.client.Credentials credentials() {
        return new org.statehub.http.client.Credentials(
                tokenUrl(), clientId().orElse(null), clientSecret().orElse(""));
    }

    /** The sources, by name (e.g. {@code student-service}). */
    Map<String, Source> sources();

    interface Source {
        /** Base URL of the source service. */
        String url();

        /** The resources replicated from it (URL segments, e.g. {@code students}). */
        java.util.Optional<Set<String>> resources();

        /** Whether every descriptor resource is replicated from it too. */
        @WithDefault("false")
        boolean descriptors();
    }
}
