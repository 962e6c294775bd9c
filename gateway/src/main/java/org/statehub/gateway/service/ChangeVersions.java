package org.statehub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

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
    public sealed interface Outcome permits Newest, Merged, Failed, Busy {}

    /** The newest change version that holds for every service. */
    public record Newest(long changeVersion) implements Outcome {}

    /** Every service's answer, merged (changedResources). */
    public record Merged(List<String> resources) implements Outcome {}

    /** A service did not answer, or refused. */
    public record Failed(FanOut.Failure failure) implements Outcome {}

    /** Writes did not pause in time for a checkpoint and none was made before. */
    public record Busy() implements Outcome {}

    @Inject
    FanOut fanOut;

    @Inject
    GatewayToken gatewayToken;

    @Inject
    ObjectMapper mapper;

    /**
     * The largest checkpoint made so far in each school year ("" without one): still true, so it answers when writes
     * do not pause in time.
     */
    private final Map<String, AtomicLong> lastCheckpoints = new java.util.concurrent.ConcurrentHashMap<>();

    /** The newest change version of the whole API in a school year (its own change versions; none: null). */
    public Outcome newest(String year, String correlationId) {
        String bearer = "Bearer " + gatewayToken.bearer();
        AtomicLong lastCheckpoint = lastCheckpoints.computeIfAbsent(year == null ? "" : year, y -> new AtomicLong());
        Map<String, FanOut.Reply> available =
                fanOut.get("/changeQueries/v1/availableChangeVersions", bearer, correlationId, year);
        FanOut.Failure failed = FanOut.firstFailure(available);
        if (failed != null) {
            return new Failed(failed);
        }
        long target = 0;
        for (FanOut.Reply reply : available.values()) {
            target = Math.max(target, number(reply.body(), "newestChangeVersion"));
        }
        Map<String, FanOut.Reply> checkpoints = fanOut.post(
                "/changeQueries/v1/checkpoints", "{\"atLeast\":" + target + "}", bearer, correlationId, year);
        long newest = Long.MAX_VALUE;
        boolean busy = false;
        for (Map.Entry<String, FanOut.Reply> entry : checkpoints.entrySet()) {
            FanOut.Reply reply = entry.getValue();
            if (reply.status() == 503) {
                busy = true;
            } else if (!reply.ok()) {
                return new Failed(FanOut.failure(entry.getKey(), reply));
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

    /** Which resources changed in a window of a school year (none: null), asked of every service as the caller. */
    public Outcome changedResources(String authorization, String query, String year, String correlationId) {
        Map<String, FanOut.Reply> replies = fanOut.get(
                "/changeQueries/v1/changedResources" + (query == null ? "" : "?" + query),
                authorization,
                correlationId,
                year);
        FanOut.Failure failed = FanOut.firstFailure(replies);
        if (failed != null) {
            return new Failed(failed);
        }
        TreeSet<String> resources = new TreeSet<>();
        for (FanOut.Reply reply : replies.values()) {
            try {
                mapper.readTree(reply.body()).forEach(name -> resources.add(name.asText()));
            } catch (IOException e) {
                return new Failed(new FanOut.Refused(502, reply.body()));
            }
        }
        return new Merged(new ArrayList<>(resources));
    }

    private long number(String body, String field) {
        try {
            JsonNode value = mapper.readTree(body).get(field);
            return value == null ? 0 : value.asLong();
        } catch (IOException e) {
            return 0;
        }
    }
}
