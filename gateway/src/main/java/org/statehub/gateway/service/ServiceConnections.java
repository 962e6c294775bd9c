package org.statehub.gateway.service;

import java.net.http.HttpClient;
import java.time.Duration;

/** The one HTTP client (and connection pool) for every call the gateway makes to a service. */
public final class ServiceConnections {

    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    private ServiceConnections() {}
}
