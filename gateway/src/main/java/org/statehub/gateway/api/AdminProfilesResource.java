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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.gateway.persistence.ProfileRepository;
import org.statehub.gateway.persistence.ProfileRepository.StoredProfile;
import org.statehub.gateway.service.ProfileDefinitions;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * {@code /admin/v1/profiles}: the Ed-Fi API profiles a state keeps (docs/decisions/0020, part 2), one
 * {@code <Profile>} of the ODS/API's profile XML per request, checked against the contract when it is stored (every
 * finding at once, 400). Assigned to clients with {@code PUT /admin/v1/clients/{clientId}/profiles}; the client
 * directory gives each client's profiles to the services. Needs a {@code StateAdmin} token ({@link StateAdminOnly}).
 */
@Path("/admin/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
public class AdminProfilesResource {

    @Inject
    ProfileRepository profiles;

    @Inject
    ProfileDefinitions definitions;

    /** One resource of a profile as the admin API shows it: whether the profile lets a client read and write it. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ResourceView(String resource, Boolean readable, Boolean writable) {}

    /**
     * A profile as the admin API shows it: {@code id} its number in the Admin API's {@code profileIds};
     * {@code definition} (the XML as stored) only when one profile is asked
     * for; {@code problems} when the definition no longer fits the contract the gateway serves (an extension
     * project taken away), which the profile then needs mended.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ProfileView(
            Integer id,
            String name,
            List<ResourceView> resources,
            Instant updatedAt,
            String definition,
            List<String> problems) {}

    @POST
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    public Response create(String xml) {
        StoredProfile profile;
        try {
            profile = definitions.parse(xml);
        } catch (InvalidDefinitionException e) {
            return invalid(e);
        }
        if (!profiles.insert(profile)) {
            return ProblemResponses.of(Problems.conflict("A profile named '" + profile.name() + "' exists already."));
        }
        return Response.created(URI.create("/admin/v1/profiles/" + profile.name()))
                .entity(view(profiles.find(profile.name()).orElseThrow(), false))
                .build();
    }

    @GET
    public Response list() {
        return Response.ok(profiles.list().stream().map(p -> view(p, false)).toList())
                .build();
    }

    @GET
    @Path("{name}")
    public Response show(@PathParam("name") String name) {
        return ProblemResponses.okOrNotFound(profiles.find(name).map(p -> view(p, true)));
    }

    /** Replaces the definition; its {@code name} must be the one in the path. */
    @PUT
    @Path("{name}")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    public Response replace(@PathParam("name") String name, String xml) {
        if (profiles.find(name).isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        StoredProfile profile;
        try {
            profile = definitions.parse(xml);
        } catch (InvalidDefinitionException e) {
            return invalid(e);
        }
        if (!profile.name().equalsIgnoreCase(name)) {
            return ProblemResponses.of(Problems.dataValidation(
                    Map.of("$.name", List.of("The profile is named '" + profile.name() + "', not '" + name + "'."))));
        }
        if (!profiles.replace(profile)) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        return Response.ok(view(profiles.find(name).orElseThrow(), false)).build();
    }

    /** Deletes a profile no client is assigned (409 naming them otherwise). */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        List<String> clients = profiles.clientsOf(name);
        if (!clients.isEmpty()) {
            return ProblemResponses.of(Problems.conflict(
                    "The profile is assigned to clients " + clients + "; assign them other profiles first."));
        }
        return profiles.delete(name) ? Response.noContent().build() : ProblemResponses.of(Problems.itemNotFound());
    }

    private ProfileView view(StoredProfile stored, boolean withDefinition) {
        String definition = withDefinition ? stored.definition() : null;
        List<ResourceView> resources = new ArrayList<>();
        try {
            definitions
                    .read(stored)
                    .resources()
                    .values()
                    .forEach(r -> resources.add(new ResourceView(
                            r.resourceKey(),
                            r.readable().isPresent(),
                            r.writable().isPresent())));
            return new ProfileView(stored.id(), stored.name(), resources, stored.updatedAt(), definition, null);
        } catch (InvalidDefinitionException e) {
            stored.resources().forEach(r -> resources.add(new ResourceView(r, null, null)));
            return new ProfileView(stored.id(), stored.name(), resources, stored.updatedAt(), definition, e.problems());
        }
    }

    private static Response invalid(InvalidDefinitionException e) {
        return ProblemResponses.of(Problems.dataValidation(Map.of("$", e.problems())));
    }
}
