package org.statehub.http;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of the current request: the client's ({@code correlation-id} header or {@code correlationId}
 * query parameter, when it is 1-100 safe characters) or a new one. {@link HttpEdge} sets it before anything else
 * runs; it is kept in the request's own Vert.x context, which follows the request onto the worker thread.
 */
@Singleton
public class Correlation {

    public static final String HEADER = "correlation-id";
    private static final String KEY = "statehub.correlationId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /** The id, or null outside a request (off a request's duplicated context there is none). */
    public String id() {
        return current();
    }

    /** The current request's id, or null outside a request. */
    public static String current() {
        return VertxContext.isOnDuplicatedContext()
                ? ContextLocals.<String>get(KEY).orElse(null)
                : null;
    }

    /** The caller's id when it is safe to log and echo, else a new one. */
    static String choose(String header, String query) {
        if (header != null && SAFE.matcher(header).matches()) {
            return header;
        }
        if (header == null && query != null && SAFE.matcher(query).matches()) {
            return query;
        }
        return UUID.randomUUID().toString().replace("-", "");
    }

    static void set(String id) {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, id);
        }
    }
}
