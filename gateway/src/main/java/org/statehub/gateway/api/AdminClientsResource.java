package org.statehub.gateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.statehub.gateway.persistence.ApiClient;
import org.statehub.gateway.service.ClientService;
import org.statehub.gateway.service.SigningKeys;

/**
 * {@code /admin/v1/clients}: API clients (vendor applications, state systems) for state administrators: create
 * (the secret is shown once), list, show, rotate the secret, revoke. Needs a token of a {@code StateAdmin} client.
 */
@Path("/admin/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
public class AdminClientsResource {

    @Inject
    ClientService clients;

    @Inject
    SigningKeys keys;

    /** What a new client is. */
    public record NewClient(String displayName, String claimSet, List<Long> educationOrganizationIds,
                            List<String> namespacePrefixes) {
    }

    /** A client as the admin API shows it; {@code clientSecret} only when just created or rotated. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ClientView(String clientId, String displayName, String claimSet,
                             List<Long> educationOrganizationIds, List<String> namespacePrefixes, Instant createdAt,
                             Instant secretRotatedAt, Instant revokedAt, String clientSecret) {

        static ClientView of(ApiClient c, String secret) {
            return new ClientView(c.clientId(), c.displayName(), c.claimSet(), c.educationOrganizationIds(),
                    c.namespacePrefixes(), c.createdAt(), c.secretRotatedAt(), c.revokedAt(), secret);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NewClient request)
            throws SQLException {
        Response denied = requireStateAdmin(authorization);
        if (denied != null) {
            return denied;
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (request == null) {
            return Problem.invalid(Map.of("$", List.of("A client description is required.")));
        }
        if (request.displayName() == null || request.displayName().isBlank()) {
            errors.put("$.displayName", List.of("DisplayName is required."));
        }
        if (request.claimSet() == null || !ClientService.CLAIM_SETS.contains(request.claimSet())) {
            errors.put("$.claimSet", List.of("ClaimSet must be one of " + new java.util.TreeSet<>(
                    ClientService.CLAIM_SETS) + "."));
        }
        List<Long> organizations = request.educationOrganizationIds() == null ? List.of()
                : request.educationOrganizationIds();
        if ("SISVendor".equals(request.claimSet()) && organizations.isEmpty()) {
            errors.put("$.educationOrganizationIds", List.of("A SISVendor client needs at least one education "
                    + "organization."));
        }
        if (!errors.isEmpty()) {
            return Problem.invalid(errors);
        }
        ClientService.Created created = clients.create(request.displayName().trim(), request.claimSet(),
                organizations, request.namespacePrefixes() == null ? List.of() : request.namespacePrefixes());
        return Response.created(URI.create("/admin/v1/clients/" + created.client().clientId()))
                .header("Cache-Control", "no-store").entity(ClientView.of(created.client(), created.secret())).build();
    }

    @GET
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        Response denied = requireStateAdmin(authorization);
        if (denied != null) {
            return denied;
        }
        List<ClientView> views = new ArrayList<>();
        clients.list().forEach(c -> views.add(ClientView.of(c, null)));
        return Response.ok(views).build();
    }

    @GET
    @Path("{clientId}")
    public Response show(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @PathParam("clientId") String clientId) throws SQLException {
        Response denied = requireStateAdmin(authorization);
        if (denied != null) {
            return denied;
        }
        return clients.find(clientId).map(c -> Response.ok(ClientView.of(c, null)).build())
                .orElseGet(Problem::notFound);
    }

    @POST
    @Path("{clientId}/secret")
    public Response rotate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @PathParam("clientId") String clientId) throws SQLException {
        Response denied = requireStateAdmin(authorization);
        if (denied != null) {
            return denied;
        }
        var secret = clients.rotate(clientId);
        if (secret.isEmpty()) {
            return Problem.notFound();
        }
        return Response.ok(ClientView.of(clients.find(clientId).orElseThrow(), secret.get()))
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("{clientId}")
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @PathParam("clientId") String clientId) throws SQLException {
        Response denied = requireStateAdmin(authorization);
        if (denied != null) {
            return denied;
        }
        return clients.revoke(clientId) ? Response.noContent().build() : Problem.notFound();
    }

    /** Null when the bearer token is a valid StateAdmin token of an active client; else the 401/403 response. */
    private Response requireStateAdmin(String authorization) throws SQLException {
        if (authorization == null) {
            return Problem.authentication("Authorization header is missing.");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (!parts[0].equalsIgnoreCase("Bearer")) {
            return Problem.authentication("Unknown Authorization header scheme.");
        }
        if (parts.length < 2 || parts[1].isBlank()) {
            return Problem.authentication("Missing Authorization header bearer token value.");
        }
        JwtClaims claims = keys.verify(parts[1].trim());
        if (claims == null) {
            return Problem.authentication("Invalid token");
        }
        try {
            String clientId = claims.getSubject();
            boolean active = clients.find(clientId).filter(c -> !c.revoked()).isPresent();
            if (!active) {
                return Problem.authentication("Invalid token");
            }
            if (!"StateAdmin".equals(claims.getClaimValueAsString("claim_set"))) {
                return Problem.authorization("Managing API clients needs a StateAdmin client.");
            }
        } catch (MalformedClaimException e) {
            return Problem.authentication("Invalid token");
        }
        return null;
    }
}
