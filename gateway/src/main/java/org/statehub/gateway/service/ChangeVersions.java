package org.statehub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import org.statehub.edfi.core.contract.ResourceCatalog;
import org.statehub.edfi.core.contract.ResourceDefinition;
import org.statehub.gateway.config.GatewayConfig;

/**
 * Change queries for the whole API (decision 0007). Each data service numbers its changes with its own sequence,
 * so the gateway makes one {@code newestChangeVersion} that is true for all of them: it reads each service's
 * newest version, asks every service for a checkpoint at the largest (the service waits until none of its changes
 * is still committing and raises its sequence to at least that value), and answers the smallest checkpoint. Every
 * change up to that version is committed in every service and every later change gets a higher version, so a
 * client that copies {@code [last + 1, newest]} of each resource, every time, misses nothing.
 */
@ApplicationScoped
public class ChangeVersions {

    /** What a request for the whole API's change versions came to. */
    public sealed interface Outcome permits Newest, Merged, Answered, Unavailable, Busy {
    }

    /** The newest change version that holds for every service. */
    public record Newest(long changeVersion) implements Outcome {
    }

    /** Every service's answer, merged (changedResources). */
    public record Merged(List<String> resources) implements Outcome {
    }

    /** A service refused the request (its status and body, passed on as they are). */
    public record Answered(int status, String body) implements Outcome {
    }

    /** A service did not answer: down, or slower than the route timeout. */
    public record Unavailable(String service, boolean timedOut) implements Outcome {
    }

    /** Writes did not pause in time for a checkpoint and none was made before. */
    public record Busy() implements Outcome {
    }

    @Inject
    GatewayConfig config;

    @Inject
    ResourceCatalog catalog;

    @Inject
    GatewayToken gatewayToken;

    @Inject
    ObjectMapper mapper;

    /** The largest checkpoint made so far: still true, so it answers when writes do not pause in time. */
    private final AtomicLong lastCheckpoint = new AtomicLong();

    /** The newest change version of the whole API. */
    public Outcome newest(String correlationId) {
        String bearer = "Bearer " + gatewayToken.bearer();
        Map<String, Reply> available = callAll(service -> get(service, "/changeQueries/v1/availableChangeVersions",
                bearer, correlationId));
        Outcome failed = firstFailure(available);
        if (failed != null) {
            return failed;
        }
        long target = 0;
        for (Reply reply : available.values()) {
            target = Math.max(target, number(reply.body(), "newestChangeVersion"));
        }
        String body = "{\"atLeast\":" + target + "}";
        Map<String, Reply> checkpoints = callAll(service -> post(service, "/changeQueries/v1/checkpoints", body,
                bearer, correlationId));
        long newest = Long.MAX_VALUE;
        boolean busy = false;
        for (Map.Entry<String, Reply> entry : checkpoints.entrySet()) {
            Reply reply = entry.getValue();
            if (reply.status() == 503 && reply.failure() == null) {
                busy = true;
            } else if (reply.failure() != null || reply.status() != 200) {
                return failure(entry.getKey(), reply);
            } else {
                newest = Math.min(newest, number(reply.body(), "changeVersion"));
            }
        }
        if (busy) {
            long known = lastCheckpoint.get();
            return known > 0 ? new Newest(known) : new Busy();
        }
        return new Newest(lastCheckpoint.accumulateAndGet(newest, Math::max));
    }

    /** Which resources changed in a window, asked of every service with the caller's token. */
    public Outcome changedResources(String authorization, String query, String correlationId) {
        String path = "/changeQueries/v1/changedResources" + (query == null ? "" : "?" + query);
        Map<String, Reply> replies = callAll(service -> get(service, path, authorization, correlationId));
        Outcome failed = firstFailure(replies);
        if (failed != null) {
            return failed;
        }
        TreeSet<String> resources = new TreeSet<>();
        for (Reply reply : replies.values()) {
            try {
                mapper.readTree(reply.body()).forEach(name -> resources.add(name.asText()));
            } catch (IOException e) {
                return new Answered(502, reply.body());
            }
        }
        return new Merged(new ArrayList<>(resources));
    }

    /** The services that store Ed-Fi resources, by the contract. */
    private List<String> dataServices() {
        TreeSet<String> names = new TreeSet<>();
        for (ResourceDefinition resource : catalog.all()) {
            names.add(resource.ownerService());
        }
        return new ArrayList<>(names);
    }

    private record Reply(int status, String body, Exception failure) {
    }

    @FunctionalInterface
    private interface Call {
        CompletableFuture<HttpResponse<String>> start(String service);
    }

    /** The same call to every data service at once; each one's reply, or what kept it from answering. */
    private Map<String, Reply> callAll(Call call) {
        Map<String, CompletableFuture<Reply>> pending = new LinkedHashMap<>();
        for (String service : dataServices()) {
            CompletableFuture<Reply> reply;
            try {
                reply = call.start(service).thenApply(r -> new Reply(r.statusCode(), r.body(), null));
            } catch (IllegalArgumentException e) {
                reply = CompletableFuture.completedFuture(new Reply(0, null, e));
            }
            pending.put(service, reply.exceptionally(e -> new Reply(0, null,
                    e instanceof CompletionException && e.getCause() instanceof Exception cause ? cause
                            : new IOException(e))));
        }
        Map<String, Reply> replies = new LinkedHashMap<>();
        pending.forEach((service, reply) -> replies.put(service, reply.join()));
        return replies;
    }

    private Outcome firstFailure(Map<String, Reply> replies) {
        for (Map.Entry<String, Reply> entry : replies.entrySet()) {
            if (entry.getValue().failure() != null || entry.getValue().status() != 200) {
                return failure(entry.getKey(), entry.getValue());
            }
        }
        return null;
    }

    private static Outcome failure(String service, Reply reply) {
        if (reply.failure() != null) {
            return new Unavailable(service, reply.failure() instanceof HttpTimeoutException);
        }
        return new Answered(reply.status(), reply.body());
    }

    private long number(String body, String field) {
        try {
            JsonNode value = mapper.readTree(body).get(field);
            return value == null ? 0 : value.asLong();
        } catch (IOException e) {
            return 0;
        }
    }

    private CompletableFuture<HttpResponse<String>> get(String service, String path, String authorization,
                                                        String correlationId) {
        return send(request(service, path, authorization, correlationId).GET());
    }

    private CompletableFuture<HttpResponse<String>> post(String service, String path, String body,
                                                         String authorization, String correlationId) {
        return send(request(service, path, authorization, correlationId).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String service, String path, String authorization, String correlationId) {
        GatewayConfig.Service target = config.services().get(service);
        if (target == null) {
            throw new IllegalArgumentException("No URL is configured for " + service + ".");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url().replaceAll("/$", "") + path))
                .timeout(config.routeTimeout()).header("correlation-id", correlationId)
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder request) {
        return ServiceConnections.CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
