package org.statehub.gateway.service;

import java.net.http.HttpClient;
import java.time.Duration;
import org.statehub.http.client.ServiceClient;

/**
 * The gateway's connections to the services. {@link #SERVICES}, hub-http's {@link ServiceClient}, makes every call
 * the gateway makes itself (fan-outs, organization names, readiness, OpenAPI documents): connect within 3 s, each
 * call's own time-out, transport failures of safe calls retried. {@link #CLIENT} is the reverse proxy's pool, for
 * {@code Forwarder} alone, which passes requests and answers through as streams (issue 18 replaces it).
 */
public final class ServiceConnections {

    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    public static final ServiceClient SERVICES = new ServiceClient(
            ServiceClient.Settings.of(Duration.ofSeconds(10)).withConnectTimeout(Duration.ofSeconds(3)));

    private ServiceConnections() {}
}
