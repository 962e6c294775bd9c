package org.statehub.edfi.contract.security;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * What a claim set allows, resolved for every resource of a catalog (docs/decisions/0020, part 3): for each
 * resource and action, not granted, or granted with the strategies that authorize it. An action is granted by the
 * nearest claim of the resource's lineage (its own claim, then each claim above it) that the claim set names the
 * action on, enabled or not; the strategies are that entry's override for the action, or else the nearest default
 * of the action walking up from the resource's own claim (so a leaf's own default, such as
 * {@code studentContactAssociation}'s, applies under a grant made on its domain).
 *
 * <p>A claim of one of the hub's own functions ({@link ClaimsHierarchy#functions()}) is resolved the same way; the
 * claim set has the function when every action of {@link #FUNCTION_ACTIONS} is granted on it (a partial grant gives
 * nothing, docs/decisions/0023).
 *
 * @param claimSet   the claim set's name
 * @param strategies by resource key, the granted actions and their strategies
 * @param functions  the short names of the hub function claims the claim set has ({@code hubAdministration})
 */
public record ClaimSetMatrix(
        String claimSet, Map<String, Map<Action, List<Strategy>>> strategies, Set<String> functions) {

    /** The actions a claim set grants on a hub function claim to have the function. */
    public static final Set<Action> FUNCTION_ACTIONS = Set.of(Action.Create, Action.Read, Action.Update, Action.Delete);

    public ClaimSetMatrix {
        functions = functions == null ? Set.of() : Set.copyOf(functions);
    }

    /** A claim set's matrix that has none of the hub's functions. */
    public ClaimSetMatrix(String claimSet, Map<String, Map<Action, List<Strategy>>> strategies) {
        this(claimSet, strategies, Set.of());
    }

    /** Resolves {@code set} over every resource of {@code catalog}; a grant without any strategy is a finding. */
    public static ClaimSetMatrix of(ClaimSet set, ClaimsHierarchy hierarchy, ResourceCatalog catalog) {
        return resolve(set, hierarchy, catalog, problems -> {
            throw new InvalidDefinitionException(problems);
        });
    }

    /**
     * Resolves a kept claim set over what is served now: a grant that no longer resolves to any strategy (the
     * hierarchy changed under it) is left out, not granted, and each such finding given to {@code findings}.
     */
    public static ClaimSetMatrix kept(
            ClaimSet set, ClaimsHierarchy hierarchy, ResourceCatalog catalog, Consumer<List<String>> findings) {
        return resolve(set, hierarchy, catalog, findings);
    }

    private static ClaimSetMatrix resolve(
            ClaimSet set, ClaimsHierarchy hierarchy, ResourceCatalog catalog, Consumer<List<String>> findings) {
        Map<String, ClaimSet.Grant> byClaim = new HashMap<>();
        set.grants().forEach(grant -> byClaim.put(grant.claim().name(), grant));
        Map<String, Map<Action, List<Strategy>>> matrix = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ResourceDefinition resource : catalog.all()) {
            Optional<ClaimsHierarchy.Claim> claim = hierarchy.claimOf(resource);
            if (claim.isEmpty()) {
                continue;
            }
            List<ClaimsHierarchy.Claim> lineage = claim.get().lineage();
            Map<Action, List<Strategy>> granted = new EnumMap<>(Action.class);
            for (Action action : Action.values()) {
                resolve(action, lineage, byClaim).ifPresent(strategies -> {
                    if (strategies.isEmpty()) {
                        problems.add("The claim set '" + set.name() + "' grants " + action.name() + " on '"
                                + resource.key() + "' but no strategy authorizes it (no override, no default).");
                    } else {
                        granted.put(action, strategies);
                    }
                });
            }
            matrix.put(resource.key(), Map.copyOf(granted));
        }
        Set<String> functions = new HashSet<>();
        for (ClaimsHierarchy.Claim function : hierarchy.functions()) {
            List<ClaimsHierarchy.Claim> lineage = function.lineage();
            if (FUNCTION_ACTIONS.stream()
                    .allMatch(action -> resolve(action, lineage, byClaim).isPresent())) {
                functions.add(function.name());
            }
        }
        if (!problems.isEmpty()) {
            findings.accept(problems);
        }
        return new ClaimSetMatrix(set.name(), Map.copyOf(matrix), functions);
    }

    /** Whether the claim set makes a state administrator ({@link ClaimsHierarchy#ADMINISTRATION}). */
    public boolean administers() {
        return functions.contains(ClaimsHierarchy.ADMINISTRATION);
    }

    /** Empty: not granted; else the strategies (an empty list: granted without any, a finding). */
    private static Optional<List<Strategy>> resolve(
            Action action, List<ClaimsHierarchy.Claim> lineage, Map<String, ClaimSet.Grant> byClaim) {
        for (ClaimsHierarchy.Claim claim : lineage) {
            ClaimSet.Grant grant = byClaim.get(claim.name());
            if (grant == null || !grant.actions().containsKey(action)) {
                continue;
            }
            if (!grant.actions().get(action)) {
                return Optional.empty();
            }
            List<Strategy> override = grant.overrides().get(action);
            if (override != null) {
                return Optional.of(override);
            }
            return Optional.of(lineage.stream()
                    .map(c -> c.defaults().get(action))
                    .filter(defaults -> defaults != null && !defaults.isEmpty())
                    .findFirst()
                    .orElse(List.of()));
        }
        return Optional.empty();
    }

    /** The strategies of an action on a resource, or empty when the claim set does not grant it. */
    public Optional<List<Strategy>> of(String resourceKey, Action action) {
        return Optional.ofNullable(
                strategies.getOrDefault(resourceKey, Map.of()).get(action));
    }
}
