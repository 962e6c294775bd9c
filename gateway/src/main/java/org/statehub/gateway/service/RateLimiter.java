package org.statehub.gateway.service;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;

import org.statehub.gateway.config.GatewayConfig;

/** A token bucket per caller: {@code rate-limit-per-second} refill, {@code rate-limit-burst} capacity. */
@Singleton
public class RateLimiter {

    @Inject
    GatewayConfig config;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    /** 0 when the call may go ahead; otherwise the seconds to wait before the next one will. */
    public long acquire(String caller) {
        long now = System.nanoTime();
        double rate = config.rateLimitPerSecond();
        double capacity = config.rateLimitBurst();
        Bucket bucket = buckets.computeIfAbsent(caller, c -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilledAt) / 1e9 * rate);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / rate));
        }
    }
}
