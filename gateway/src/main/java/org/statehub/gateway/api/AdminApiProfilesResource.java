package org.statehub.gateway.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.gateway.persistence.ProfileRepository;
import org.statehub.gateway.persistence.ProfileRepository.StoredProfile;
import org.statehub.gateway.service.ProfileDefinitions;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * The Ed-Fi Admin API 2.x's profiles ({@code /adminapi/v2/profiles}, docs/decisions/0020 part 4, step 16): the
 * same rows as {@code /admin/v1/profiles}, known here by their integer ids (an application's {@code profileIds}),
 * each a {@code name} and its {@code definition}, one {@code <Profile>} of the ODS/API's profile XML checked against
 * the contract (every finding at once, 400). Needs a {@code StateAdmin} token.
 */
@Path("/adminapi/v2/profiles")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
@RequiredArgsConstructor
public class AdminApiProfilesResource {

    private final ProfileRepository profiles;
    private final ProfileDefinitions definitions;

    /** A profile as the Admin API shows it; {@code definition} only when one is asked for. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ProfileView(Integer id, String name, String definition) {}

    /** A profile as the Admin API sends it (POST and PUT alike). */
    public record ProfileBody(String name, String definition) {}

    @GET
    public Response list(
            @BeanParam AdminApiLists.PageQuery query, @QueryParam("id") String id, @QueryParam("name") String name) {
        AdminApiLists.Listing listing = AdminApiLists.Listing.of(query, id, ProfileRepository.ORDERS);
        return listing.answer(() -> profiles.page(listing.id(), AdminApiLists.filter(name), listing.rows()).stream()
                .map(p -> new ProfileView(p.id(), p.name(), null))
                .toList());
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        return ProblemResponses.okOrNotFound(profile(id).map(p -> new ProfileView(p.id(), p.name(), p.definition())));
    }

    /** Stores a new profile: 201 and its {@code Location}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ProfileBody body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Optional<StoredProfile> profile = checked(body, 0, errors);
        if (profile.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        if (!profiles.insert(profile.get())) {
            return ProblemResponses.of(Problems.dataValidation(
                    Map.of("$.name", List.of(alreadyExists(profile.get().name())))));
        }
        int id = profiles.find(profile.get().name()).orElseThrow().id();
        return Response.created(URI.create("/adminapi/v2/profiles/" + id)).build();
    }

    /** Replaces a profile's name and definition (a profile assigned to applications keeps its name). */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, ProfileBody body) {
        Optional<StoredProfile> stored = profile(id);
        if (stored.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Optional<StoredProfile> profile = checked(body, stored.get().id(), errors);
        if (profile.isPresent()
                && !profile.get().name().equalsIgnoreCase(stored.get().name())) {
            List<String> clients = profiles.clientsOf(stored.get().name());
            if (!clients.isEmpty()) {
                errors.put(
                        "$.name",
                        List.of("The profile cannot be renamed while applications have it: " + clients
                                + "; take it from them first."));
            }
        }
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        return profiles.replace(stored.get().id(), profile.get())
                ? Response.ok().build()
                : ProblemResponses.of(Problems.itemNotFound());
    }

    /** Deletes a profile no application has. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        Optional<StoredProfile> stored = profile(id);
        if (stored.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        List<String> clients = profiles.clientsOf(stored.get().name());
        if (!clients.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(Map.of(
                    "$",
                    List.of("The profile cannot be deleted while applications have it: " + clients
                            + "; take it from them first."))));
        }
        return profiles.delete(stored.get().name())
                ? Response.ok().build()
                : ProblemResponses.of(Problems.itemNotFound());
    }

    private Optional<StoredProfile> profile(String id) {
        return AdminApiLists.found(id, profiles::find);
    }

    /**
     * The profile the body describes, when its definition is valid, names the profile {@code name} names and no
     * other profile than {@code id} has that name; else empty with every finding in {@code errors}.
     */
    private Optional<StoredProfile> checked(ProfileBody body, int id, Map<String, List<String>> errors) {
        if (body == null) {
            errors.put("$", List.of("A profile is required."));
            return Optional.empty();
        }
        AdminApiLists.requiredText(body.name(), "name", "Name", errors);
        if (body.definition() == null || body.definition().isBlank()) {
            errors.put("$.definition", List.of("Definition is required."));
        }
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        StoredProfile profile;
        try {
            profile = definitions.parse(body.definition());
        } catch (InvalidDefinitionException e) {
            errors.put("$.definition", e.problems());
            return Optional.empty();
        }
        String name = body.name().trim();
        if (!profile.name().equals(name)) {
            errors.put(
                    "$.name",
                    List.of("The definition names the profile '" + profile.name() + "', not '" + name + "'."));
        } else if (profiles.nameTaken(name, id)) {
            errors.put("$.name", List.of(alreadyExists(name)));
        }
        return errors.isEmpty() ? Optional.of(profile) : Optional.empty();
    }

    private static String alreadyExists(String name) {
        return "A profile named '" + name + "' already exists.";
    }
}
