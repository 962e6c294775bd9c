package org.statehub.edfi.core.descriptor;

import java.util.concurrent.ConcurrentHashMap;
import org.statehub.edfi.core.dataspace.DataSpaces;

/**
 * Descriptor values recently found to exist, remembered for a short time so that a busy writer does not ask the
 * database about the same few values on every request. Only positive answers are kept: a new value counts at
 * once; a deleted one may still be accepted for up to the time-to-live. Values are remembered per data space (a
 * school year's descriptors are its own, docs/decisions/0020, part 5).
 */
public final class KnownValues {

    private static final int MAX_ENTRIES = 100_000;

    private final long ttlNanos;
    private final ConcurrentHashMap<String, Long> expiry = new ConcurrentHashMap<>();

    public KnownValues(long ttlMillis) {
        this.ttlNanos = ttlMillis * 1_000_000L;
    }

    public boolean contains(String value) {
        String key = DataSpaces.keyed(value);
        Long until = expiry.get(key);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until > 0) {
            expiry.remove(key, until);
            return false;
        }
        return true;
    }

    public void add(String value) {
        String key = DataSpaces.keyed(value);
        if (expiry.size() >= MAX_ENTRIES) {
            expiry.clear();
        }
        expiry.put(key, System.nanoTime() + ttlNanos);
    }
}
