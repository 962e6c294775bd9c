package org.statehub.gateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.statehub.gateway.persistence.ApiClient;
import org.statehub.gateway.service.ClientRateLimits;
import org.statehub.gateway.service.ClientService;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * {@code /admin/v1/clients}: API clients (vendor applications, state systems) for state administrators: create
 * (the secret is shown once), list, show, rotate the secret, revoke. Needs a token of a {@code StateAdmin} client
 * ({@link StateAdminOnly}).
 */
@Path("/admin/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
public class AdminClientsResource {

    @Inject
    ClientService clients;

    @Inject
    ClientRateLimits limits;

    @Inject
    org.statehub.gateway.persistence.ProfileRepository profiles;

    @Inject
    org.statehub.gateway.service.ClaimSets claimSets;

    /** A client's new profiles (names of profiles kept at {@code /admin/v1/profiles}). */
    public record Profiles(List<String> profiles) {}

    /** What a new client is. */
    public record NewClient(
            String displayName,
            String claimSet,
            List<Long> educationOrganizationIds,
            List<String> namespacePrefixes,
            com.fasterxml.jackson.databind.JsonNode rateLimit) {}

    /** A client's new education organizations. */
    public record Organizations(List<Long> educationOrganizationIds) {}

    /** A client as the admin API shows it; {@code clientSecret} only when just created or rotated. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ClientView(
            String clientId,
            String displayName,
            String claimSet,
            List<Long> educationOrganizationIds,
            List<String> namespacePrefixes,
            Instant createdAt,
            Instant secretRotatedAt,
            Instant revokedAt,
            List<String> profiles,
            String clientSecret) {

        ClientView withProfiles(List<String> assigned) {
            return new ClientView(
                    clientId,
                    displayName,
                    claimSet,
                    educationOrganizationIds,
                    namespacePrefixes,
                    createdAt,
                    secretRotatedAt,
                    revokedAt,
                    assigned,
                    clientSecret);
        }

        static ClientView of(ApiClient c, String secret) {
            return new ClientView(
                    c.clientId(),
                    c.displayName(),
                    c.claimSet(),
                    c.educationOrganizationIds(),
                    c.namespacePrefixes(),
                    c.createdAt(),
                    c.secretRotatedAt(),
                    c.revokedAt(),
                    List.of(),
                    secret);
        }
    }

    /** The client as the admin API shows it, with its profiles. */
    private ClientView view(ApiClient client, String secret) {
        return ClientView.of(client, secret).withProfiles(profiles.assignedTo(client.clientId()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewClient request) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (request == null) {
            return ProblemResponses.of(
                    Problems.dataValidation(Map.of("$", List.of("A client description is required."))));
        }
        if (request.displayName() == null || request.displayName().isBlank()) {
            errors.put("$.displayName", List.of("DisplayName is required."));
        } else if (!storable(request.displayName()) || request.displayName().length() > 255) {
            errors.put(
                    "$.displayName",
                    List.of("DisplayName must be at most 255 characters, without control " + "characters."));
        }
        java.util.Optional<String> claimSet = claimSets.storedName(request.claimSet());
        if (claimSet.isEmpty()) {
            errors.put(
                    "$.claimSet",
                    List.of(org.statehub.gateway.service.ClaimSets.unknown("ClaimSet", request.claimSet())));
        }
        List<Long> organizations =
                request.educationOrganizationIds() == null ? List.of() : request.educationOrganizationIds();
        checkOrganizations(organizations, errors);
        List<String> prefixes = request.namespacePrefixes() == null ? List.of() : request.namespacePrefixes();
        for (int i = 0; i < prefixes.size(); i++) {
            if (prefixes.get(i) == null
                    || prefixes.get(i).isBlank()
                    || !storable(prefixes.get(i))
                    || prefixes.get(i).length() > 255) {
                errors.put(
                        "$.namespacePrefixes[" + i + "]",
                        List.of("A namespace prefix must be 1-255 characters, " + "without control characters."));
            }
        }
        if (claimSet.filter("SISVendor"::equals).isPresent() && organizations.isEmpty()) {
            errors.put(
                    "$.educationOrganizationIds",
                    List.of("A SISVendor client needs at least one education " + "organization."));
        }
        java.util.Optional<ClientRateLimits.Limit> rateLimit =
                request.rateLimit() == null || request.rateLimit().isNull()
                        ? java.util.Optional.empty()
                        : ClientRateLimits.parse(request.rateLimit(), "$.rateLimit", errors);
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        ClientService.Created created =
                clients.create(request.displayName().trim(), claimSet.get(), organizations, prefixes);
        if (rateLimit.isPresent()) {
            limits.set(created.client().clientId(), rateLimit.get());
        }
        return Response.created(
                        URI.create("/admin/v1/clients/" + created.client().clientId()))
                .header("Cache-Control", "no-store")
                .entity(ClientView.of(created.client(), created.secret()))
                .build();
    }

    @GET
    public Response list() {
        Map<String, List<String>> assigned = profiles.assignments();
        return Response.ok(clients.list().stream()
                        .map(c -> ClientView.of(c, null).withProfiles(assigned.getOrDefault(c.clientId(), List.of())))
                        .toList())
                .build();
    }

    @GET
    @Path("{clientId}")
    public Response show(@PathParam("clientId") String clientId) {
        return ProblemResponses.okOrNotFound(clients.find(clientId).map(c -> view(c, null)));
    }

    @POST
    @Path("{clientId}/secret")
    public Response rotate(@PathParam("clientId") String clientId) {
        var secret = clients.rotate(clientId);
        if (secret.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        return Response.ok(view(clients.find(clientId).orElseThrow(), secret.get()))
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * Replaces the client's education organizations. Tokens do not carry them (decision 0009): the services read
     * them from the client directory, so the change reaches tokens already issued within seconds.
     */
    @PUT
    @Path("{clientId}/educationOrganizationIds")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateOrganizations(@PathParam("clientId") String clientId, Organizations request) {
        var client = clients.find(clientId).filter(c -> !c.revoked());
        if (client.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (request == null || request.educationOrganizationIds() == null) {
            errors.put("$.educationOrganizationIds", List.of("EducationOrganizationIds is required."));
        } else {
            checkOrganizations(request.educationOrganizationIds(), errors);
            if ("SISVendor".equals(client.get().claimSet())
                    && request.educationOrganizationIds().isEmpty()) {
                errors.put(
                        "$.educationOrganizationIds",
                        List.of("A SISVendor client needs at least one education " + "organization."));
            }
        }
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        List<Long> organizations =
                request.educationOrganizationIds().stream().distinct().toList();
        if (!clients.updateOrganizations(clientId, organizations)) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        return Response.ok(view(clients.find(clientId).orElseThrow(), null)).build();
    }

    /**
     * Replaces the profiles assigned to the client (docs/decisions/0020, part 2): names of profiles kept at
     * {@code /admin/v1/profiles}, any letter case. The services read them from the client directory, so the change
     * reaches tokens already issued within seconds.
     */
    @PUT
    @Path("{clientId}/profiles")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateProfiles(@PathParam("clientId") String clientId, Profiles request) {
        if (clients.find(clientId).filter(c -> !c.revoked()).isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (request == null || request.profiles() == null) {
            errors.put("$.profiles", List.of("Profiles is required (an empty list assigns none)."));
        } else {
            for (int i = 0; i < request.profiles().size(); i++) {
                String name = request.profiles().get(i);
                if (name == null || !storable(name) || profiles.find(name).isEmpty()) {
                    errors.put("$.profiles[" + i + "]", List.of("No profile named '" + name + "' is kept."));
                }
            }
        }
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        profiles.assign(clientId, request.profiles().stream().distinct().toList());
        return Response.ok(view(clients.find(clientId).orElseThrow(), null)).build();
    }

    private static void checkOrganizations(List<Long> organizations, Map<String, List<String>> errors) {
        for (int i = 0; i < organizations.size(); i++) {
            if (organizations.get(i) == null || organizations.get(i) <= 0) {
                errors.put(
                        "$.educationOrganizationIds[" + i + "]",
                        List.of("An education organization id must be " + "a positive integer."));
            }
        }
    }

    @DELETE
    @Path("{clientId}")
    public Response revoke(@PathParam("clientId") String clientId) {
        return clients.revoke(clientId) ? Response.noContent().build() : ProblemResponses.of(Problems.itemNotFound());
    }

    /** Text PostgreSQL can store and a log shows as it is: no NUL or other control characters. */
    private static boolean storable(String text) {
        return text.chars().noneMatch(Character::isISOControl);
    }
}
