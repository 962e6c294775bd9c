package org.statehub.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.http.SchoolYears;
import org.statehub.http.client.ServiceClient.Call;

/**
 * The same request to every data service (the services that store Ed-Fi resources, by the contract) at once, for
 * the gateway's answers that span the whole API: change versions, the access log, a school year's copy and data.
 */
@ApplicationScoped
public class FanOut {

    /** One service's answer, or what kept it from answering ({@code failure} set, status 0). */
    public record Reply(int status, String body, Exception failure) {

        public boolean ok() {
            return failure == null && status == 200;
        }
    }

    /** A service that did not answer (down, or slower than the route timeout) or refused. */
    public sealed interface Failure permits Unanswered, Refused {}

    /** A service did not answer. */
    public record Unanswered(String service, boolean timedOut) implements Failure {}

    /** A service refused the request: its status and body, to pass on as they are. */
    public record Refused(int status, String body) implements Failure {}

    @Inject
    GatewayConfig config;

    @Inject
    ResourceCatalog catalog;

    /** {@code GET path} (with its query) of every data service, in service-name order. */
    public Map<String, Reply> get(String path, String authorization, String correlationId) {
        return get(path, authorization, correlationId, null);
    }

    /** {@code GET path} of every data service in a school year (its data space; none: null). */
    public Map<String, Reply> get(String path, String authorization, String correlationId, String year) {
        return all(service ->
                request("GET", service, path, authorization, correlationId).header(SchoolYears.HEADER, year));
    }

    /** {@code POST path} of a JSON body to every data service in a school year (none: null). */
    public Map<String, Reply> post(String path, String json, String authorization, String correlationId, String year) {
        return all(service -> request("POST", service, path, authorization, correlationId)
                .header(SchoolYears.HEADER, year)
                .json(json));
    }

    /** {@code PUT path} of a JSON body to every data service (outside any school year). */
    public Map<String, Reply> put(String path, String json, String authorization, String correlationId) {
        return all(service ->
                request("PUT", service, path, authorization, correlationId).json(json));
    }

    /** {@code DELETE path} of every data service (outside any school year). */
    public Map<String, Reply> delete(String path, String authorization, String correlationId) {
        return all(service -> request("DELETE", service, path, authorization, correlationId));
    }

    /** The first reply that is not a 200, as a failure; null when every service answered 200. */
    public static Failure firstFailure(Map<String, Reply> replies) {
        for (Map.Entry<String, Reply> entry : replies.entrySet()) {
            if (!entry.getValue().ok()) {
                return failure(entry.getKey(), entry.getValue());
            }
        }
        return null;
    }

    /** A reply that is not a 200, as a failure. */
    public static Failure failure(String service, Reply reply) {
        if (reply.failure() != null) {
            return new Unanswered(service, reply.failure() instanceof HttpTimeoutException);
        }
        return new Refused(reply.status(), reply.body());
    }

    private Map<String, Reply> all(java.util.function.Function<String, Call> request) {
        Map<String, CompletableFuture<Reply>> pending = new LinkedHashMap<>();
        for (String service : dataServices()) {
            CompletableFuture<Reply> reply;
            try {
                reply = ServiceConnections.SERVICES
                        .sendAsync(request.apply(service))
                        .thenApply(r -> new Reply(r.status(), r.text(), null));
            } catch (IllegalArgumentException e) {
                reply = CompletableFuture.completedFuture(new Reply(0, null, e));
            }
            pending.put(service, reply.exceptionally(e -> new Reply(0, null, unwrapped(e))));
        }
        Map<String, Reply> replies = new LinkedHashMap<>();
        pending.forEach((service, reply) -> replies.put(service, reply.join()));
        return replies;
    }

    private static Exception unwrapped(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof Exception exception ? exception : new IOException(cause);
    }

    private List<String> dataServices() {
        TreeSet<String> names = new TreeSet<>();
        for (ResourceDefinition resource : catalog.all()) {
            names.add(resource.ownerService());
        }
        return new ArrayList<>(names);
    }

    private Call request(String method, String service, String path, String authorization, String correlationId) {
        GatewayConfig.Service target = config.services().get(service);
        if (target == null) {
            throw new IllegalArgumentException("No URL is configured for " + service + ".");
        }
        return Call.of(method, target.url().replaceAll("/$", "") + path)
                .timeout(config.routeTimeout())
                .header("correlation-id", correlationId)
                .header("Authorization", authorization);
    }
}
