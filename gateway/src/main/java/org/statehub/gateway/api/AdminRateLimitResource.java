package org.statehub.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.statehub.gateway.service.ClientRateLimits;
import org.statehub.gateway.service.ClientService;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * {@code /admin/v1/clients/{clientId}/rateLimit}: a client's rate limit at the gateway, for state administrators
 * ({@link StateAdminOnly}): show it (its own or the default), set its own, or return it to the default. A change
 * applies within seconds on every gateway instance, without a restart.
 */
@Path("/admin/v1/clients/{clientId}/rateLimit")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
public class AdminRateLimitResource {

    @Inject
    ClientService clients;

    @Inject
    ClientRateLimits limits;

    /** A client's limit; {@code source} is {@code client} (its own) or {@code default}. */
    public record RateLimitView(String clientId, int perSecond, int burst, String source) {

        static RateLimitView of(String clientId, ClientRateLimits.Limit limit) {
            return new RateLimitView(clientId, limit.perSecond(), limit.burst(), limit.own() ? "client" : "default");
        }
    }

    @GET
    public Response show(@PathParam("clientId") String clientId) {
        if (clients.find(clientId).isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        return Response.ok(RateLimitView.of(clientId, limits.read(clientId))).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response set(@PathParam("clientId") String clientId, JsonNode body) {
        if (clients.find(clientId).isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Optional<ClientRateLimits.Limit> limit = ClientRateLimits.parse(body, "$", errors);
        if (limit.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        limits.set(clientId, limit.get());
        return Response.ok(RateLimitView.of(clientId, limit.get())).build();
    }

    @DELETE
    public Response reset(@PathParam("clientId") String clientId) {
        if (clients.find(clientId).isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        limits.clear(clientId);
        return Response.noContent().build();
    }
}
