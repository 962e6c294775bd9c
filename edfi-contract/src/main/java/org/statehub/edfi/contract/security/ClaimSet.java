package org.statehub.edfi.contract.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.statehub.edfi.contract.InvalidDefinitionException;

/**
 * A claim set (docs/decisions/0020, part 3), read from the Ed-Fi Admin API 2.x claim-set shape: {@code name} and
 * {@code resourceClaims}, each naming a claim of the {@link ClaimsHierarchy} with its {@code actions} (each
 * {@code enabled} or not), its {@code authorizationStrategyOverridesForCRUD} and its {@code children}. Read-only
 * members of that shape ({@code id}, {@code _defaultAuthorizationStrategiesForCRUD}, {@code _applications}) are
 * ignored, so an Admin API export can be imported as it is.
 *
 * @param name           the claim set's name, as tokens carry it
 * @param systemReserved shipped with the hub (the Admin API's {@code _isSystemReserved}): not changed by administrators
 * @param grants         every resource claim entry, children included, in the order written
 */
public record ClaimSet(String name, boolean systemReserved, List<Grant> grants) {

    /**
     * What a claim set says of one claim: the actions it names ({@code true}: enabled, {@code false}: explicitly not,
     * which takes away what a claim above grants) and the strategies that replace the claim's defaults per action.
     */
    public record Grant(
            ClaimsHierarchy.Claim claim, Map<Action, Boolean> actions, Map<Action, List<Strategy>> overrides) {}

    /** The claim sets this library ships ({@code edfi/security/claim-sets.json}), checked against {@code hierarchy}. */
    public static List<ClaimSet> shipped(ClaimsHierarchy hierarchy) {
        try (InputStream in = ClaimSet.class.getResourceAsStream("/edfi/security/claim-sets.json")) {
            List<ClaimSet> sets = new ArrayList<>();
            new ObjectMapper().readTree(in).path("claimSets").forEach(set -> sets.add(of(set, hierarchy)));
            return List.copyOf(sets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A claim set from its Admin API JSON, checked against {@code hierarchy}; every finding at once. */
    public static ClaimSet of(JsonNode document, ClaimsHierarchy hierarchy) {
        return read(document, hierarchy, problems -> {
            throw new InvalidDefinitionException(problems);
        });
    }

    /**
     * A claim set as it was kept, read against the hierarchy of now: what no longer reads (a claim, action or
     * strategy the hierarchy no longer has) is left out and each such finding given to {@code findings}, so a kept
     * set always reads.
     */
    public static ClaimSet kept(JsonNode document, ClaimsHierarchy hierarchy, Consumer<List<String>> findings) {
        return read(document, hierarchy, findings);
    }

    private static ClaimSet read(JsonNode document, ClaimsHierarchy hierarchy, Consumer<List<String>> findings) {
        List<String> problems = new ArrayList<>();
        String name = document.path("name").asText("").strip();
        if (name.isEmpty()) {
            problems.add("A claim set needs a name.");
        }
        List<Grant> grants = new ArrayList<>();
        document.path("resourceClaims").forEach(entry -> read(entry, hierarchy, grants, problems));
        if (!problems.isEmpty()) {
            findings.accept(problems);
        }
        return new ClaimSet(name, document.path("_isSystemReserved").asBoolean(false), List.copyOf(grants));
    }

    /**
     * An entry's overrides: the Admin API 2.x's {@code authorizationStrategyOverridesForCRUD} and the spelling of the
     * Admin API 3's examples, {@code authorizationStrategyOverrides}, whichever it has (both when it has both).
     */
    private static List<JsonNode> overrides(JsonNode entry) {
        List<JsonNode> overrides = new ArrayList<>();
        entry.path("authorizationStrategyOverridesForCRUD").forEach(overrides::add);
        entry.path("authorizationStrategyOverrides").forEach(overrides::add);
        return overrides;
    }

    private static void read(JsonNode entry, ClaimsHierarchy hierarchy, List<Grant> grants, List<String> problems) {
        String claimName = entry.path("name").asText("");
        Optional<ClaimsHierarchy.Claim> claim = hierarchy.claim(claimName);
        if (claim.isEmpty()) {
            problems.add("The resource claim '" + claimName + "' is not one this API knows.");
        }
        Map<Action, Boolean> actions = new EnumMap<>(Action.class);
        entry.path("actions").forEach(action -> {
            String actionName = action.path("name").asText();
            EdFiNames.find(Action.values(), actionName)
                    .ifPresentOrElse(
                            known -> actions.put(known, action.path("enabled").asBoolean(true)),
                            () -> problems.add("The resource claim '" + claimName + "' names an unknown action '"
                                    + actionName + "'."));
        });
        Map<Action, List<Strategy>> overrides = new EnumMap<>(Action.class);
        overrides(entry).forEach(override -> {
            String actionName = override.path("actionName").asText();
            Optional<Action> action = EdFiNames.find(Action.values(), actionName);
            if (action.isEmpty()) {
                problems.add("An override of the resource claim '" + claimName + "' names an unknown action '"
                        + actionName + "'.");
                return;
            }
            List<Strategy> strategies = ClaimsHierarchy.strategies(
                    override.path("authorizationStrategies"),
                    "authStrategyName",
                    "The override of " + actionName + " on '" + claimName + "'",
                    problems);
            if (!strategies.isEmpty()) {
                overrides.put(action.get(), strategies);
            }
        });
        overrides.keySet().stream()
                .filter(action -> !Boolean.TRUE.equals(actions.get(action)))
                .forEach(action -> problems.add("The resource claim '" + claimName + "' overrides the strategies of "
                        + action.name() + " without enabling it."));
        claim.ifPresent(known -> grants.add(new Grant(known, Map.copyOf(actions), Map.copyOf(overrides))));
        entry.path("children").forEach(child -> read(child, hierarchy, grants, problems));
    }
}
