package org.statehub.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The request limits every service enforces at its HTTP edge ({@link HttpEdge}), with problem-details answers.
 * The body limit is {@code quarkus.http.limits.max-body-size}, set once per service. The HTTP decoder's own
 * limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set above these
 * (META-INF/microprofile-config.properties of this module) so a request between the two gets 414/431 with a
 * problem body; the decoder answers, without a body, only beyond its own limit.
 */
@ConfigMapping(prefix = "hub.http")
public interface HttpLimits {

    /** Longest request URI (path and query) accepted, in characters; 414 above. */
    @WithDefault("8192")
    int maxUriLength();

    /** Largest total size of the request headers (names, values), in bytes; 431 above. */
    @WithDefault("20480")
    int maxHeaderBytes();

    /**
     * Whether the edge reads a body sent without {@code Content-Length} (chunked) itself, up to
     * {@code quarkus.http.limits.max-body-size}, so that one over it gets a 413 with problem details; without it
     * Quarkus answers such a body with a bare 413. Off where the service counts a streamed body itself (the
     * gateway, which forwards bodies as they arrive).
     */
    @WithDefault("true")
    boolean readUnsizedBodies();

    /** The hub's own public listener ({@link PublicListener}). */
    Listener listener();

    /** Where the hub's own public listener listens. */
    interface Listener {

        /** Its port, 0 for any free one; none for no listener of the hub's own. */
        java.util.OptionalInt port();

        /** Its address. */
        @WithDefault("0.0.0.0")
        String host();

        /** How long a stopping service waits for the requests in flight to be answered before it closes. */
        @WithDefault("10s")
        java.time.Duration stopWait();
    }
}
