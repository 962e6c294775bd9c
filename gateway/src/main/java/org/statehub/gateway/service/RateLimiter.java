package org.statehub.gateway.service;

import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: refilled at the caller's {@link ClientRateLimits.Limit#perSecond()}, holding at most
 * its {@link ClientRateLimits.Limit#burst()}. A changed limit applies from the caller's next request.
 */
@Singleton
public class RateLimiter {

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
    public long acquire(String caller, ClientRateLimits.Limit limit) {
        long now = System.nanoTime();
        double rate = limit.perSecond();
        double capacity = limit.burst();
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
