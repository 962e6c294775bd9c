package org.statehub.gateway.service;

import java.time.Duration;
import org.statehub.http.client.ServiceClient;

/**
 * The gateway's connections to the services. {@link #SERVICES}, hub-http's {@link ServiceClient}, makes every call
 * the gateway makes itself (fan-outs, organization names, readiness, OpenAPI documents): connect within 3 s, each
 * call's own time-out, transport failures of safe calls retried. The routed paths go through the reverse proxy's
 * own pools on the event loop ({@code api.ReverseProxy}).
 */
public final class ServiceConnections {

    public static final ServiceClient SERVICES = new ServiceClient(
            ServiceClient.Settings.of(Duration.ofSeconds(10)).withConnectTimeout(Duration.ofSeconds(3)));

    private ServiceConnections() {}
}
