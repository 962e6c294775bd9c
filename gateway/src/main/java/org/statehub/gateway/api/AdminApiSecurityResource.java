package org.statehub.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.contract.security.ClaimsHierarchy;
import org.statehub.edfi.contract.security.Strategy;
import org.statehub.gateway.service.ClaimSets;
import org.statehub.http.ProblemResponses;
import org.statehub.http.StateAdminOnly;

/**
 * The Admin API 2.x's read-only lists of what claim sets are made of (docs/decisions/0020 part 4): the actions,
 * the authorization strategies and the resource claims of the contract's claims hierarchy, with the integer ids the
 * claim-set endpoints take. They are the contract's, not tables, so a page is cut from the whole list. Needs a
 * {@code StateAdmin} token.
 */
@Path("/adminapi/v2")
@Produces(MediaType.APPLICATION_JSON)
@StateAdminOnly(GatewayCaller.STATE_ADMIN_ONLY)
@RequiredArgsConstructor
public class AdminApiSecurityResource {

    private final ClaimSets claimSets;

    /** An action as the Admin API lists it. */
    public record ActionView(int id, String name, String uri) {}

    /** An authorization strategy as the Admin API lists it. */
    public record StrategyView(int id, String name, String displayName) {}

    /** A resource claim with the claims under it. */
    public record ResourceClaimView(
            int id, String name, Integer parentId, String parentName, List<ResourceClaimView> children) {}

    /**
     * A resource claim's defaults: its actions ({@code /resourceClaimActions}) or each action's default strategies
     * ({@code /resourceClaimActionAuthStrategies}), the list the other leaves out.
     */
    public record ResourceClaimDefaultsView(
            int resourceClaimId,
            String resourceName,
            String claimName,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<ActionName> actions,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<ActionStrategies> authorizationStrategiesForActions) {}

    /** An action by its name. */
    public record ActionName(String name) {}

    /** One action's default strategies. */
    public record ActionStrategies(int actionId, String actionName, List<StrategyName> authorizationStrategies) {}

    /** A strategy by its id and name. */
    public record StrategyName(int authStrategyId, String authStrategyName) {}

    private static final Map<String, Comparator<ResourceClaimDefaultsView>> DEFAULTS_ORDERS = Map.of(
            "resourceClaimId", Comparator.comparing(ResourceClaimDefaultsView::resourceClaimId),
            "resourceName",
                    Comparator.comparing(ResourceClaimDefaultsView::resourceName, String.CASE_INSENSITIVE_ORDER));

    private static final Map<String, Comparator<ActionView>> ACTION_ORDERS =
            Map.of("id", Comparator.comparing(ActionView::id), "name", Comparator.comparing(ActionView::name));
    private static final Map<String, Comparator<StrategyView>> STRATEGY_ORDERS =
            Map.of("id", Comparator.comparing(StrategyView::id), "name", Comparator.comparing(StrategyView::name));
    private static final Map<String, Comparator<ResourceClaimView>> CLAIM_ORDERS = Map.of(
            "id", Comparator.comparing(ResourceClaimView::id),
            "name", Comparator.comparing(ResourceClaimView::name, String.CASE_INSENSITIVE_ORDER));

    @GET
    @Path("actions")
    public Response actions(@BeanParam AdminApiLists.PageQuery query) {
        List<ActionView> actions = Arrays.stream(Action.values())
                .map(a -> new ActionView(
                        a.ordinal() + 1,
                        a.name(),
                        "http://ed-fi.org/odsapi/actions/"
                                + Character.toLowerCase(a.name().charAt(0))
                                + a.name().substring(1)))
                .toList();
        return page(query, actions, ACTION_ORDERS);
    }

    @GET
    @Path("authorizationStrategies")
    public Response strategies(@BeanParam AdminApiLists.PageQuery query) {
        List<StrategyView> strategies = Arrays.stream(Strategy.values())
                .map(s -> new StrategyView(s.ordinal() + 1, s.name(), words(s.name())))
                .toList();
        return page(query, strategies, STRATEGY_ORDERS);
    }

    /** The domains at the top of the hierarchy, each with the claims under it (or the claims asked for). */
    @GET
    @Path("resourceClaims")
    public Response resourceClaims(
            @BeanParam AdminApiLists.PageQuery query, @QueryParam("id") String id, @QueryParam("name") String name) {
        AdminApiLists.Listing listing = AdminApiLists.Listing.of(query, id, CLAIM_ORDERS);
        return listing.answer(() -> listing.page()
                .of(
                        claimSets.resourceClaims().stream()
                                .filter(c -> listing.id() != null || name != null
                                        ? matches(c, listing.id(), name)
                                        : c.parent() == null)
                                .map(this::view)
                                .toList(),
                        CLAIM_ORDERS));
    }

    /**
     * The actions of each resource claim that sets defaults (the hierarchy's {@code defaultAuthorization}; a claim
     * that sets none takes those of the claim above it and is not listed), filtered by {@code resourceName}.
     */
    @GET
    @Path("resourceClaimActions")
    public Response resourceClaimActions(
            @BeanParam AdminApiLists.PageQuery query, @QueryParam("resourceName") String resourceName) {
        return defaults(query, resourceName, true);
    }

    /** The default strategies of each action of each resource claim that sets defaults, as above. */
    @GET
    @Path("resourceClaimActionAuthStrategies")
    public Response resourceClaimActionAuthStrategies(
            @BeanParam AdminApiLists.PageQuery query, @QueryParam("resourceName") String resourceName) {
        return defaults(query, resourceName, false);
    }

    /**
     * The page of the claims that set default strategies (in the hierarchy's order, of this name when one is
     * given), each with its actions or else with each action's strategies.
     */
    private Response defaults(AdminApiLists.PageQuery query, String resourceName, boolean actions) {
        String name = AdminApiLists.filter(resourceName);
        List<ResourceClaimDefaultsView> claims = claimSets.resourceClaims().stream()
                .filter(claim -> !claim.defaults().isEmpty())
                .filter(claim -> name == null || claim.name().equalsIgnoreCase(name))
                .map(claim -> new ResourceClaimDefaultsView(
                        claimSets.idOf(claim),
                        claim.name(),
                        claim.claimName(),
                        actions
                                ? defaultActions(claim).stream()
                                        .map(a -> new ActionName(a.name()))
                                        .toList()
                                : null,
                        actions ? null : defaultStrategies(claim)))
                .toList();
        return page(query, claims, DEFAULTS_ORDERS);
    }

    /** Each action a claim sets defaults for, with those strategies. */
    private static List<ActionStrategies> defaultStrategies(ClaimsHierarchy.Claim claim) {
        return defaultActions(claim).stream()
                .map(action -> new ActionStrategies(
                        action.ordinal() + 1,
                        action.name(),
                        claim.defaults().get(action).stream()
                                .map(s -> new StrategyName(s.ordinal() + 1, s.name()))
                                .toList()))
                .toList();
    }

    /** The actions a claim sets defaults for, in the order of {@link Action}. */
    private static List<Action> defaultActions(ClaimsHierarchy.Claim claim) {
        return Arrays.stream(Action.values())
                .filter(claim.defaults()::containsKey)
                .toList();
    }

    @GET
    @Path("resourceClaims/{id}")
    public Response resourceClaim(@PathParam("id") String id) {
        return ProblemResponses.okOrNotFound(
                AdminApiLists.found(id, claimSets::resourceClaim).map(this::view));
    }

    private boolean matches(ClaimsHierarchy.Claim claim, Integer id, String name) {
        return (id == null || claimSets.idOf(claim) == id)
                && (name == null || claim.name().equalsIgnoreCase(name.trim()));
    }

    private ResourceClaimView view(ClaimsHierarchy.Claim claim) {
        List<ResourceClaimView> children = claimSets.resourceClaims().stream()
                .filter(c -> c.parent() == claim)
                .map(this::view)
                .toList();
        ClaimsHierarchy.Claim parent = claim.parent();
        return new ResourceClaimView(
                claimSets.idOf(claim),
                claim.name(),
                parent == null ? null : claimSets.idOf(parent),
                parent == null ? null : parent.name(),
                children);
    }

    private static <T> Response page(AdminApiLists.PageQuery query, List<T> items, Map<String, Comparator<T>> orders) {
        AdminApiLists.Listing listing = AdminApiLists.Listing.of(query, null, orders);
        return listing.answer(() -> listing.page().of(items, orders));
    }

    /** {@code RelationshipsWithEdOrgsOnly} as words: "Relationships With Ed Orgs Only". */
    private static String words(String name) {
        return name.replaceAll("(?<=[a-z])(?=[A-Z])", " ")
                .toLowerCase(Locale.ROOT)
                .transform(s -> Character.toUpperCase(s.charAt(0)) + s.substring(1));
    }
}
