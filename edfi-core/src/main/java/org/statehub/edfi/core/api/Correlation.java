package org.statehub.edfi.core.api;

import io.smallrye.common.vertx.ContextLocals;
import jakarta.inject.Singleton;

/**
 * The correlation id of the current request: the client's ({@code correlation-id} header or query) or a new one.
 * Kept in the request's own Vert.x context, which follows the request onto the worker thread (no CDI request
 * scope needs to be started for it).
 */
@Singleton
public class Correlation {

    private static final String KEY = "edfi.correlationId";

    public String id() {
        try {
            return ContextLocals.<String>get(KEY).orElse(null);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return null; // not on a request's context
        }
    }

    void set(String id) {
        ContextLocals.put(KEY, id);
    }
}
