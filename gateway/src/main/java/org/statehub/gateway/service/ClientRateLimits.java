package org.statehub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.gateway.persistence.ClientRateLimitRepository;
import org.statehub.jdbc.StoreException;

/**
 * Each API client's rate limit at the gateway: its own (set in the admin API) or the gateway's default. What was
 * read is kept for {@link #FRESH_MILLIS}, so a change made through this gateway applies at once here and on other
 * gateway instances within seconds, without a restart.
 */
@ApplicationScoped
public class ClientRateLimits {

    /** How long a client's limit is trusted before it is read again. */
    static final long FRESH_MILLIS = 5_000;
    /** Largest rate and burst an admin may set. */
    public static final int MAX_PER_SECOND = 100_000;

    public static final int MAX_BURST = 1_000_000;

    /** A limit: a refill of {@code perSecond} requests a second into a bucket of {@code burst}. */
    public record Limit(int perSecond, int burst, boolean own) {}

    private record Known(Limit limit, long readAt) {}

    @Inject
    GatewayConfig config;

    @Inject
    ClientRateLimitRepository repository;

    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

    /** The gateway's default, for clients without their own and for callers without a token. */
    public Limit defaultLimit() {
        return new Limit(config.rateLimitPerSecond(), config.rateLimitBurst(), false);
    }

    /** The client's limit (cached for a few seconds). */
    public Limit limitOf(String clientId) {
        long now = System.currentTimeMillis();
        Known entry = known.get(clientId);
        if (entry != null && now - entry.readAt() < FRESH_MILLIS) {
            return entry.limit();
        }
        try {
            Limit limit = read(clientId);
            if (known.size() > 10_000) {
                known.clear();
            }
            known.put(clientId, new Known(limit, now));
            return limit;
        } catch (StoreException e) {
            // the client store is unreachable: the last limit known, else the default
            return entry != null ? entry.limit() : defaultLimit();
        }
    }

    /** Whether {@link #limitOf} can answer for the client from what it knows, without reading the store. */
    public boolean known(String clientId) {
        Known entry = known.get(clientId);
        return entry != null && System.currentTimeMillis() - entry.readAt() < FRESH_MILLIS;
    }

    /** The client's limit as stored now (no cache). */
    public Limit read(String clientId) {
        return repository
                .find(clientId)
                .map(s -> new Limit(s.perSecond(), s.burst(), true))
                .orElseGet(this::defaultLimit);
    }

    /** Gives the client a limit of its own. */
    public void set(String clientId, Limit limit) {
        repository.save(clientId, new ClientRateLimitRepository.Stored(limit.perSecond(), limit.burst()));
        known.remove(clientId);
    }

    /** Returns the client to the default; whether it had a limit of its own. */
    public boolean clear(String clientId) {
        boolean had = repository.delete(clientId);
        known.remove(clientId);
        return had;
    }

    /**
     * The limit a body {@code {"perSecond": n, "burst": m}} asks for ({@code burst} defaults to twice the rate), or
     * empty with the reasons added to {@code errors} under {@code path}.
     */
    public static Optional<Limit> parse(JsonNode body, String path, Map<String, List<String>> errors) {
        if (body == null || !body.isObject()) {
            errors.put(path, List.of("A rate limit is an object with perSecond and, optionally, burst."));
            return Optional.empty();
        }
        int before = errors.size();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("perSecond") && !name.equals("burst")) {
                errors.put(path + "." + name, List.of("'" + name + "' is not a member of a rate limit."));
            }
        });
        JsonNode perSecond = body.get("perSecond");
        if (perSecond == null || perSecond.isNull()) {
            errors.put(path + ".perSecond", List.of("PerSecond is required."));
        } else if (!whole(perSecond, 1, MAX_PER_SECOND)) {
            errors.put(
                    path + ".perSecond", List.of("PerSecond must be a whole number from 1 to " + MAX_PER_SECOND + "."));
        }
        JsonNode burst = body.get("burst");
        if (burst != null && !burst.isNull() && !whole(burst, 1, MAX_BURST)) {
            errors.put(path + ".burst", List.of("Burst must be a whole number from 1 to " + MAX_BURST + "."));
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        int rate = perSecond.intValue();
        int capacity = burst == null || burst.isNull() ? (int) Math.min(MAX_BURST, 2L * rate) : burst.intValue();
        if (capacity < rate) {
            errors.put(path + ".burst", List.of("Burst must be at least perSecond (" + rate + ")."));
            return Optional.empty();
        }
        return Optional.of(new Limit(rate, capacity, true));
    }

    private static boolean whole(JsonNode node, long min, long max) {
        return node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= min && node.longValue() <= max;
    }
}
