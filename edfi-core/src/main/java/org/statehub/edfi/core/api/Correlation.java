package org.statehub.edfi.core.api;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import jakarta.inject.Singleton;

/**
 * The correlation id of the current request: the client's ({@code correlation-id} header or query) or a new one.
 * Kept in the request's own Vert.x context, which follows the request onto the worker thread (no CDI request
 * scope needs to be started for it).
 */
@Singleton
public class Correlation {

    private static final String KEY = "edfi.correlationId";

    /** The id, or null outside a request (off a request's duplicated context there is none). */
    public String id() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.<String>get(KEY).orElse(null) : null;
    }

    void set(String id) {
        ContextLocals.put(KEY, id);
    }
}
