package org.statehub.gateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.statehub.gateway.config.GatewayConfig;
import org.statehub.gateway.persistence.GatewayDatabase;
import org.statehub.gateway.service.ServiceConnections;
import org.statehub.http.Correlation;
import org.statehub.http.Problem;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.client.ServiceClient.Call;

/**
 * {@code GET /health} at the gateway's root, for load balancers and monitors (no token): 200 with
 * {@code {"status": "Healthy", "components": {...}}} when the gateway's database and every service it routes to
 * are ready ({@code /q/health/ready}, asked in parallel, {@link #TIMEOUT} each); 503 problem details with
 * {@code Retry-After} naming what is not.
 */
@Path("/health")
public class HealthResource {

    /** How long each service has to answer its readiness check. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    GatewayConfig config;

    @Inject
    GatewayDatabase database;

    /** The answer when everything is up. */
    public record Health(String status, Map<String, String> components) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        Map<String, CompletableFuture<Boolean>> checks = new LinkedHashMap<>();
        config.services().forEach((name, service) -> checks.put(name, ready(service.url())));
        Map<String, String> components = new LinkedHashMap<>();
        components.put("gateway", database.reachable(TIMEOUT) ? "Healthy" : "Unhealthy");
        checks.forEach((name, check) -> components.put(name, check.join() ? "Healthy" : "Unhealthy"));
        List<String> down = new ArrayList<>();
        components.forEach((name, status) -> {
            if (!status.equals("Healthy")) {
                down.add(name.equals("gateway") ? "The gateway's database is not reachable." : name + " is not ready.");
            }
        });
        if (down.isEmpty()) {
            return Response.ok(new Health("Healthy", components)).build();
        }
        Problem problem = Problems.unavailable(
                "The API cannot serve every request right now. Try again shortly.", down.toArray(String[]::new));
        return Response.fromResponse(ProblemResponses.of(problem, Correlation.current()))
                .header("Retry-After", 5)
                .build();
    }

    private CompletableFuture<Boolean> ready(String url) {
        CompletableFuture<Boolean> ready;
        try {
            ready = ServiceConnections.SERVICES
                    .sendAsync(Call.get(url.replaceAll("/$", "") + "/q/health/ready")
                            .timeout(TIMEOUT))
                    .thenApply(answer -> answer.status() == 200);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(false); // not a URL: not ready
        }
        return ready.exceptionally(failure -> false)
                .completeOnTimeout(false, TIMEOUT.toMillis() + 500, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
