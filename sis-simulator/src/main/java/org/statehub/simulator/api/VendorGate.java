package org.statehub.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.statehub.simulator.config.SimulatorConfig;
import org.statehub.simulator.domain.Fault;
import org.statehub.simulator.service.FaultService;

/**
 * In front of /vendor and /templates, at the HTTP layer (a Vert.x filter, before JAX-RS): checks the API key,
 * then shows the current fault. "down" closes the TCP connection without a byte of response, "slow" delays the
 * request on a timer (no thread held), "error" answers 500; "truncate" and "malformed" are left to the body
 * writers, which find the fault in the routing context under {@link #FAULT}.
 */
@ApplicationScoped
public class VendorGate {

    /** Routing-context key of the fault this request shows. */
    public static final String FAULT = "acme-sis.fault";

    @Inject
    SimulatorConfig config;

    @Inject
    FaultService faults;

    @Inject
    ObjectMapper mapper;

    @Inject
    Vertx vertx;

    void register(@Observes Filters filters) {
        filters.register(this::handle, 100);
    }

    static boolean isVendorPath(String path) {
        return path != null
                && (path.equals("/vendor")
                        || path.startsWith("/vendor/")
                        || path.equals("/templates")
                        || path.startsWith("/templates/"));
    }

    private void handle(RoutingContext ctx) {
        if (!isVendorPath(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        if (!keyAccepted(ctx.request().getHeader("X-API-Key"))) {
            problem(ctx, 401, Problems.unauthorized());
            return;
        }
        Fault fault = faults.claim();
        switch (fault.mode()) {
            case NONE -> ctx.next();
            case DOWN -> ctx.request().connection().close();
            case SLOW -> vertx.setTimer(Math.max(1, fault.delaySeconds() * 1000L), id -> ctx.next());
            case ERROR -> problem(ctx, 500, Problems.simulatedError());
            case TRUNCATE, MALFORMED -> {
                ctx.put(FAULT, fault.mode());
                ctx.next();
            }
        }
    }

    /**
     * For "truncate": closes the request's connection and, off the event loop, waits until it is closed, so
     * nothing the framework writes afterwards (the last chunk) can reach the client.
     */
    static Runnable connectionCloser(RoutingContext ctx) {
        return () -> {
            Future<Void> closed = ctx.request().connection().close();
            if (io.vertx.core.Context.isOnEventLoopThread()) {
                return;
            }
            try {
                closed.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // closed or closing either way; nothing more to do
            }
        };
    }

    private boolean keyAccepted(String given) {
        if (config.apiKey().isEmpty()) {
            return true;
        }
        return given != null
                && MessageDigest.isEqual(
                        config.apiKey().get().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private void problem(RoutingContext ctx, int status, Map<String, Object> body) {
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Problems.MEDIA_TYPE)
                .end(json);
    }
}
