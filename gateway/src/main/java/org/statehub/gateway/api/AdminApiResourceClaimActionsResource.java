package org.statehub.gateway.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
 * The resource claims of one of the Admin API 2.x's claim sets ({@code /adminapi/v2/claimSets/{id}/resourceClaimActions},
 * docs/decisions/0020 part 4, step 16): add a resource claim with its actions, replace its actions, take it out,
 * override the strategies of one of its actions or reset them. A reserved claim set is 400 to each
 * ({@link AdminApiClaimSetsResource#changeable}); every change is checked whole against the claims hierarchy and
 * resolved over the catalog before it is stored. Needs a {@code StateAdmin} token.
 */
@Path("/adminapi/v2/claimSets/{id}/resourceClaimActions")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
@RequiredArgsConstructor
public class AdminApiResourceClaimActionsResource {

    private final ClaimSetRepository claimSets;
    private final ClaimSets service;

    /** An action of a resource claim as sent. */
    public record ActionBody(String name, Boolean enabled) {}

    /** {@code POST} and {@code PUT .../resourceClaimActions}' body ({@code resourceClaimId} on POST only). */
    public record ResourceClaimActionsBody(Integer resourceClaimId, List<ActionBody> resourceClaimActions) {}

    /** {@code POST .../overrideAuthorizationStrategy}'s body. */
    public record OverrideBody(String actionName, List<String> authorizationStrategies) {}

    /** A {@code POST} or {@code PUT} body as read: its resource claim (POST), its actions, and every finding. */
    private record Sent(
            Optional<ClaimsHierarchy.Claim> claim, Map<Action, Boolean> actions, Map<String, List<String>> errors) {}

    /** Adds a resource claim to the claim set with its actions: 201. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addResourceClaim(@PathParam("id") String id, ResourceClaimActionsBody body) {
        Sent sent = read(body, true);
        return change(
                id,
                null,
                sent.errors(),
                grants -> {
                    if (sent.claim().isPresent()
                            && ClaimSets.indexOf(grants, sent.claim().get()).isPresent()) {
                        sent.errors()
                                .put(
                                        "$.resourceClaimId",
                                        List.of("The claim set has the resource claim '"
                                                + sent.claim().get().name()
                                                + "' already; change its actions with PUT."));
                    }
                    if (!sent.errors().isEmpty()) {
                        return grants;
                    }
                    List<ClaimSet.Grant> changed = new ArrayList<>(grants);
                    changed.add(ClaimSets.grant(sent.claim().get(), sent.actions(), Map.of()));
                    return changed;
                },
                Response.status(Response.Status.CREATED));
    }

    /** Replaces the actions the claim set grants on one of its resource claims (overrides of actions kept on stay). */
    @PUT
    @Path("{resourceClaimId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replaceResourceClaim(
            @PathParam("id") String id,
            @PathParam("resourceClaimId") String resourceClaimId,
            ResourceClaimActionsBody body) {
        Sent sent = read(body, false);
        return change(
                id,
                resourceClaimId,
                sent.errors(),
                grants -> sent.errors().isEmpty()
                        ? replaced(
                                grants, resourceClaimId, g -> ClaimSets.grant(g.claim(), sent.actions(), g.overrides()))
                        : grants,
                Response.ok());
    }

    /**
     * Reads a {@code POST} ({@code withClaim}: its {@code resourceClaimId} too) or {@code PUT} body once, with every
     * finding: the resource claim required and known, the actions known, each {@code enabled} given, one enabled.
     */
    private Sent read(ResourceClaimActionsBody body, boolean withClaim) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Optional<ClaimsHierarchy.Claim> claim = Optional.empty();
        if (withClaim) {
            if (body == null || body.resourceClaimId() == null) {
                errors.put("$.resourceClaimId", List.of("ResourceClaimId is required."));
            } else {
                claim = service.resourceClaim(body.resourceClaimId());
                if (claim.isEmpty()) {
                    errors.put(
                            "$.resourceClaimId",
                            List.of("No resource claim has id " + body.resourceClaimId()
                                    + " (see /adminapi/v2/resourceClaims)."));
                }
            }
        }
        Map<Action, Boolean> actions = actions(body == null ? null : body.resourceClaimActions(), errors);
        return new Sent(claim, actions, errors);
    }

    /** Takes a resource claim out of the claim set. */
    @DELETE
    @Path("{resourceClaimId}")
    public Response deleteResourceClaim(
            @PathParam("id") String id, @PathParam("resourceClaimId") String resourceClaimId) {
        return change(
                id,
                resourceClaimId,
                new LinkedHashMap<>(),
                grants -> replaced(grants, resourceClaimId, g -> null),
                Response.ok());
    }

    /** Authorizes one action of one of the claim set's resource claims by these strategies instead of the defaults. */
    @POST
    @Path("{resourceClaimId}/overrideAuthorizationStrategy")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response overrideStrategies(
            @PathParam("id") String id, @PathParam("resourceClaimId") String resourceClaimId, OverrideBody body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Optional<Action> action = body == null || body.actionName() == null
                ? Optional.empty()
                : AdminApiClaimSetsResource.named(Action.values(), body.actionName());
        if (action.isEmpty()) {
            errors.put("$.actionName", List.of("ActionName must be one of " + List.of(Action.values()) + "."));
        }
        List<Strategy> strategies = new ArrayList<>();
        List<String> names =
                body == null || body.authorizationStrategies() == null ? List.of() : body.authorizationStrategies();
        if (names.isEmpty()) {
            errors.put("$.authorizationStrategies", List.of("At least one authorization strategy is required."));
        }
        for (int i = 0; i < names.size(); i++) {
            Optional<Strategy> strategy = names.get(i) == null
                    ? Optional.empty()
                    : AdminApiClaimSetsResource.named(Strategy.values(), names.get(i));
            if (strategy.isEmpty()) {
                errors.put(
                        "$.authorizationStrategies[" + i + "]",
                        List.of("'" + names.get(i)
                                + "' is not an authorization strategy (see /adminapi/v2/authorizationStrategies)."));
            } else if (!strategies.contains(strategy.get())) {
                strategies.add(strategy.get());
            }
        }
        return change(
                id,
                resourceClaimId,
                errors,
                grants -> replaced(grants, resourceClaimId, g -> {
                    if (!errors.isEmpty()) {
                        return g;
                    }
                    if (!Boolean.TRUE.equals(g.actions().get(action.get()))) {
                        errors.put(
                                "$.actionName",
                                List.of("The claim set does not grant "
                                        + action.get().name() + " on '"
                                        + g.claim().name() + "'; enable it first."));
                        return g;
                    }
                    Map<Action, List<Strategy>> overrides = new EnumMap<>(Action.class);
                    overrides.putAll(g.overrides());
                    overrides.put(action.get(), List.copyOf(strategies));
                    return ClaimSets.grant(g.claim(), g.actions(), overrides);
                }),
                Response.ok());
    }

    /** Takes away every strategy override of one of the claim set's resource claims. */
    @POST
    @Path("{resourceClaimId}/resetAuthorizationStrategies")
    public Response resetStrategies(@PathParam("id") String id, @PathParam("resourceClaimId") String resourceClaimId) {
        return change(
                id,
                resourceClaimId,
                new LinkedHashMap<>(),
                grants -> replaced(grants, resourceClaimId, g -> ClaimSets.grant(g.claim(), g.actions(), Map.of())),
                Response.ok());
    }

    /**
     * Changes the grants of a claim set that is not reserved and, when {@code resourceClaimId} is given, names that
     * resource claim: 404 for an unknown set or a claim it does not name, 400 with the findings {@code change} put
     * into {@code errors} or that the changed set does not resolve over the catalog, else {@code done}.
     */
    private Response change(
            String id,
            String resourceClaimId,
            Map<String, List<String>> errors,
            Function<List<ClaimSet.Grant>, List<ClaimSet.Grant>> change,
            Response.ResponseBuilder done) {
        return AdminApiClaimSetsResource.changeable(
                claimSets, id, stored -> change(stored, resourceClaimId, errors, change, done));
    }

    private Response change(
            StoredClaimSet stored,
            String resourceClaimId,
            Map<String, List<String>> errors,
            Function<List<ClaimSet.Grant>, List<ClaimSet.Grant>> change,
            Response.ResponseBuilder done) {
        List<ClaimSet.Grant> grants = service.read(stored).grants();
        if (resourceClaimId != null && index(grants, resourceClaimId).isEmpty()) {
            return ProblemResponses.of(
                    Problems.notFound("The claim set has no resource claim of id " + resourceClaimId + "."));
        }
        List<ClaimSet.Grant> changed = change.apply(grants);
        if (errors.isEmpty()) {
            try {
                String entries = service.checked(stored.name(), changed);
                if (!claimSets.replaceResourceClaims(stored.id(), entries)) {
                    return ProblemResponses.of(Problems.itemNotFound());
                }
            } catch (InvalidDefinitionException e) {
                errors.put("$", e.problems());
            }
        }
        return errors.isEmpty() ? done.build() : ProblemResponses.of(Problems.dataValidation(errors));
    }

    /** The place of the grant of the resource claim of this id in {@code grants}. */
    private OptionalInt index(List<ClaimSet.Grant> grants, String resourceClaimId) {
        Optional<ClaimsHierarchy.Claim> claim = AdminApiLists.found(resourceClaimId, service::resourceClaim);
        return claim.isEmpty() ? OptionalInt.empty() : ClaimSets.indexOf(grants, claim.get());
    }

    /** The grants with the one of the resource claim replaced by what {@code by} makes of it (null: removed). */
    private List<ClaimSet.Grant> replaced(
            List<ClaimSet.Grant> grants, String resourceClaimId, Function<ClaimSet.Grant, ClaimSet.Grant> by) {
        int at = index(grants, resourceClaimId).orElseThrow();
        List<ClaimSet.Grant> changed = new ArrayList<>(grants);
        ClaimSet.Grant replacement = by.apply(grants.get(at));
        if (replacement == null) {
            changed.remove(at);
        } else {
            changed.set(at, replacement);
        }
        return changed;
    }

    /** The actions sent, checked: known names, {@code enabled} given, at least one enabled. */
    private static Map<Action, Boolean> actions(List<ActionBody> sent, Map<String, List<String>> errors) {
        Map<Action, Boolean> actions = new EnumMap<>(Action.class);
        List<ActionBody> list = sent == null ? List.of() : sent;
        for (int i = 0; i < list.size(); i++) {
            ActionBody action = list.get(i);
            Optional<Action> known = action == null || action.name() == null
                    ? Optional.empty()
                    : AdminApiClaimSetsResource.named(Action.values(), action.name());
            if (known.isEmpty()) {
                errors.put(
                        "$.resourceClaimActions[" + i + "].name",
                        List.of("The action must be one of " + List.of(Action.values()) + "."));
            } else if (action.enabled() == null) {
                errors.put("$.resourceClaimActions[" + i + "].enabled", List.of("Enabled is required."));
            } else {
                actions.put(known.get(), action.enabled());
            }
        }
        if (errors.keySet().stream().noneMatch(k -> k.startsWith("$.resourceClaimActions"))
                && !actions.containsValue(Boolean.TRUE)) {
            errors.put("$.resourceClaimActions", List.of("At least one action must be enabled."));
        }
        return actions;
    }
}
