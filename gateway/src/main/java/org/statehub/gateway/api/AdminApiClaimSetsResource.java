package org.statehub.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.contract.security.ClaimSet;
import org.statehub.edfi.contract.security.ClaimsHierarchy;
import org.statehub.edfi.contract.security.Strategy;
import org.statehub.gateway.persistence.ClaimSetRepository;
import org.statehub.gateway.persistence.ClaimSetRepository.StoredClaimSet;
import org.statehub.gateway.service.ClaimSets;
import org.statehub.http.ProblemResponses;
import org.statehub.http.Problems;
import org.statehub.http.StateAdminOnly;

/**
 * The Ed-Fi Admin API 2.x's claim sets ({@code /adminapi/v2/claimSets}, docs/decisions/0020 part 4, step 16): the
 * claim sets the gateway keeps, the shipped ones system reserved (read-only here), each one's resource claims in the
 * Admin API's claim-set shape; create, rename, copy, import, export, delete, and per resource claim its actions and
 * strategy overrides. Every change is checked against the contract's claims hierarchy (an unknown resource claim,
 * action or strategy is 400 with the findings) and reaches the services within seconds through
 * {@code /internal/v1/claimSets/{name}}. Needs a {@code StateAdmin} token.
 */
@Path("/adminapi/v2/claimSets")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
@RequiredArgsConstructor
public class AdminApiClaimSetsResource {

    private final ClaimSetRepository claimSets;
    private final ClaimSets service;

    /** An application of a claim set, as the Admin API lists them. */
    public record ApplicationName(String applicationName) {}

    /** A claim set as the Admin API lists it; {@code resourceClaims} only when one is asked for. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ClaimSetView(
            int id,
            String name,
            @JsonProperty("_isSystemReserved") boolean systemReserved,
            @JsonProperty("_applications") List<ApplicationName> applications,
            List<ResourceClaimView> resourceClaims) {}

    /** A resource claim of a claim set: its actions, the hierarchy's defaults, the set's overrides, its children. */
    public record ResourceClaimView(
            int id,
            String name,
            List<ActionView> actions,

            @JsonProperty("_defaultAuthorizationStrategiesForCRUD")
            List<StrategiesView> defaults,

            List<StrategiesView> authorizationStrategyOverridesForCRUD,
            List<ResourceClaimView> children) {}

    public record ActionView(String name, boolean enabled) {}

    public record StrategiesView(int actionId, String actionName, List<StrategyView> authorizationStrategies) {}

    public record StrategyView(
            int authStrategyId,
            String authStrategyName,
            @JsonProperty("isInheritedFromParent") boolean inheritedFromParent) {}

    /** {@code POST} and {@code PUT}'s body. */
    public record NameBody(String name) {}

    /** {@code POST /copy}'s body. */
    public record CopyBody(Integer originalId, String name) {}

    @GET
    public Response list(
            @BeanParam AdminApiLists.PageQuery query, @QueryParam("id") String id, @QueryParam("name") String name) {
        AdminApiLists.Listing listing = AdminApiLists.Listing.of(query, id, ClaimSetRepository.ORDERS);
        return listing.answer(() -> {
            List<StoredClaimSet> found = claimSets.page(listing.id(), AdminApiLists.filter(name), listing.rows());
            Map<String, List<String>> applications = claimSets.applications(
                    found.stream().map(StoredClaimSet::name).toList());
            return found.stream()
                    .map(set -> view(set, applications.getOrDefault(set.name(), List.of()), null))
                    .toList();
        });
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        return ProblemResponses.okOrNotFound(claimSet(claimSets, id).map(this::details));
    }

    /** The claim set in the shape {@code /import} takes (the Admin API's export is its details). */
    @GET
    @Path("{id}/export")
    public Response export(@PathParam("id") String id) {
        return show(id);
    }

    /** Creates an empty claim set: 201 and its {@code Location}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NameBody body) {
        return create(body == null ? null : body.name(), List.of(), new LinkedHashMap<>());
    }

    /** Creates a claim set granting what another one grants, under a new name (a reserved one may be copied). */
    @POST
    @Path("copy")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response copy(CopyBody body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Optional<StoredClaimSet> original =
                body == null || body.originalId() == null ? Optional.empty() : claimSets.find(body.originalId());
        if (original.isEmpty()) {
            errors.put(
                    "$.originalId",
                    List.of(
                            body == null || body.originalId() == null
                                    ? "OriginalId is required."
                                    : "No claim set has id " + body.originalId() + "."));
        }
        return create(
                body == null ? null : body.name(),
                original.map(service::read).map(ClaimSet::grants).orElse(List.of()),
                errors);
    }

    /** Creates a claim set from the Admin API's claim-set document ({@code name}, {@code resourceClaims}). */
    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importClaimSet(JsonNode body) {
        if (body == null || !body.isObject()) {
            return ProblemResponses.of(Problems.dataValidation(Map.of("$", List.of("A claim set is required."))));
        }
        String name = body.path("name").isTextual() ? body.path("name").asText() : null;
        Map<String, List<String>> errors = new LinkedHashMap<>();
        JsonNode resourceClaims = body.path("resourceClaims");
        if (!resourceClaims.isMissingNode() && !resourceClaims.isArray()) {
            errors.put("$.resourceClaims", List.of("ResourceClaims must be a list."));
            return create(name, List.of(), errors);
        }
        List<ClaimSet.Grant> grants = List.of();
        try {
            grants = service.parse(
                            name == null || name.isBlank() ? "new" : name,
                            resourceClaims.isArray() ? resourceClaims : null)
                    .grants();
        } catch (InvalidDefinitionException e) {
            errors.put("$.resourceClaims", e.problems());
        }
        return create(name, grants, errors);
    }

    /** Renames a claim set (not a reserved one, nor one applications use under its present name). */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rename(@PathParam("id") String id, NameBody body) {
        return changeable(claimSets, id, stored -> rename(stored, body));
    }

    private Response rename(StoredClaimSet stored, NameBody body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String name = name(body == null ? null : body.name(), stored.id(), errors);
        if (errors.isEmpty() && !name.equals(stored.name())) {
            List<String> applications = claimSets.applications(stored.name());
            if (!applications.isEmpty()) {
                errors.put(
                        "$.name",
                        List.of("The claim set cannot be renamed while applications use it: " + applications
                                + "; give them another claim set first."));
            }
        }
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        return claimSets.rename(stored.id(), name)
                ? Response.ok().build()
                : ProblemResponses.of(Problems.itemNotFound());
    }

    /** Deletes a claim set no application uses (a reserved one is never deleted). */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return changeable(claimSets, id, this::delete);
    }

    private Response delete(StoredClaimSet stored) {
        List<String> applications = claimSets.applications(stored.name());
        if (!applications.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(Map.of(
                    "$",
                    List.of("The claim set cannot be deleted while applications use it: " + applications
                            + "; give them another claim set first."))));
        }
        return claimSets.delete(stored.id()) ? Response.ok().build() : ProblemResponses.of(Problems.itemNotFound());
    }

    // ---- what the endpoints share

    static Optional<StoredClaimSet> claimSet(ClaimSetRepository claimSets, String id) {
        return AdminApiLists.found(id, claimSets::find);
    }

    /** 404 for an unknown claim set, 400 for a system-reserved one, else what {@code then} answers for it. */
    static Response changeable(ClaimSetRepository claimSets, String id, Function<StoredClaimSet, Response> then) {
        Optional<StoredClaimSet> stored = claimSet(claimSets, id);
        if (stored.isEmpty()) {
            return ProblemResponses.of(Problems.itemNotFound());
        }
        if (stored.get().systemReserved()) {
            return ProblemResponses.of(Problems.dataValidation(Map.of(
                    "$",
                    List.of("The claim set '" + stored.get().name()
                            + "' is system reserved and cannot be changed; copy it to make one of your own."))));
        }
        return then.apply(stored.get());
    }

    /** A new claim set of this name and these grants: 201 and its Location, or 400 with every finding. */
    private Response create(String requestedName, List<ClaimSet.Grant> grants, Map<String, List<String>> errors) {
        String name = name(requestedName, 0, errors);
        if (!errors.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(errors));
        }
        Optional<Integer> id = claimSets.insert(name, service.entries(grants));
        if (id.isEmpty()) {
            return ProblemResponses.of(Problems.dataValidation(Map.of("$.name", List.of(alreadyExists(name)))));
        }
        return Response.created(URI.create("/adminapi/v2/claimSets/" + id.get()))
                .build();
    }

    /** The constant of an Ed-Fi name in any letter case. */
    static <E extends Enum<E>> Optional<E> named(E[] constants, String name) {
        for (E constant : constants) {
            if (constant.name().equalsIgnoreCase(name.trim())) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /**
     * The name sent, trimmed, when valid and no other claim set than {@code id} has it; else a finding in
     * {@code errors} (and null).
     */
    private String name(String sent, int id, Map<String, List<String>> errors) {
        AdminApiLists.requiredText(sent, "name", "Name", errors);
        if (errors.containsKey("$.name")) {
            return null;
        }
        String name = sent.trim();
        if (name.contains("/")) {
            errors.put("$.name", List.of("A claim set's name cannot hold '/'."));
        } else if (claimSets.nameTaken(name, id)) {
            errors.put("$.name", List.of(alreadyExists(name)));
        }
        return name;
    }

    private static String alreadyExists(String name) {
        return "A claim set named '" + name + "' already exists.";
    }

    private ClaimSetView view(StoredClaimSet stored, List<String> applications, List<ResourceClaimView> claims) {
        return new ClaimSetView(
                stored.id(),
                stored.name(),
                stored.systemReserved(),
                applications.stream().map(ApplicationName::new).toList(),
                claims);
    }

    /** The claim set with its resource claims, each under the nearest claim above it that the set names. */
    private ClaimSetView details(StoredClaimSet stored) {
        ClaimSet set = service.read(stored);
        Map<String, ResourceClaimView> byClaim = new HashMap<>();
        List<ResourceClaimView> top = new ArrayList<>();
        List<ClaimSet.Grant> inHierarchyOrder = new ArrayList<>(set.grants());
        inHierarchyOrder.sort(java.util.Comparator.comparingInt(g -> service.idOf(g.claim())));
        for (ClaimSet.Grant grant : inHierarchyOrder) {
            ResourceClaimView view = resourceClaim(grant);
            byClaim.put(grant.claim().name(), view);
            grant.claim().lineage().stream()
                    .skip(1)
                    .map(c -> byClaim.get(c.name()))
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .map(ResourceClaimView::children)
                    .orElse(top)
                    .add(view);
        }
        return view(stored, claimSets.applications(stored.name()), top);
    }

    private ResourceClaimView resourceClaim(ClaimSet.Grant grant) {
        List<ActionView> actions = new ArrayList<>();
        List<StrategiesView> defaults = new ArrayList<>();
        List<StrategiesView> overrides = new ArrayList<>();
        List<ClaimsHierarchy.Claim> lineage = grant.claim().lineage();
        for (Action action : Action.values()) {
            Boolean enabled = grant.actions().get(action);
            if (enabled != null) {
                actions.add(new ActionView(action.name(), enabled));
            }
            for (ClaimsHierarchy.Claim claim : lineage) {
                List<Strategy> strategies = claim.defaults().get(action);
                if (strategies != null && !strategies.isEmpty()) {
                    defaults.add(strategies(action, strategies, claim != grant.claim()));
                    break;
                }
            }
            List<Strategy> override = grant.overrides().get(action);
            if (override != null) {
                overrides.add(strategies(action, override, false));
            }
        }
        return new ResourceClaimView(
                service.idOf(grant.claim()), grant.claim().name(), actions, defaults, overrides, new ArrayList<>());
    }

    private static StrategiesView strategies(Action action, List<Strategy> strategies, boolean inherited) {
        return new StrategiesView(
                action.ordinal() + 1,
                action.name(),
                strategies.stream()
                        .map(s -> new StrategyView(s.ordinal() + 1, s.name(), inherited))
                        .toList());
    }
}
