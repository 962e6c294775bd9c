package org.statehub.edfi.contract.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;

/**
 * The claims hierarchy (docs/decisions/0020, part 3): domains such as {@code people} or {@code systemDescriptors}
 * holding resource claims, each claim with the strategies it gives each action by default. Read from
 * {@code edfi/security/claims-hierarchy.json} (the shape of the Data Management Service's claims hierarchy). A
 * claim is known by its short name, the last segment of its claim URI ({@code people}, {@code student}); a
 * resource's claim is the one named by its resource name in lower camel case ({@code studentSchoolAssociation}),
 * a descriptor no claim names belongs to the claim marked {@code x-hub-descriptors}, and an extension project's own
 * resource no claim names to the claim marked {@code x-hub-extensions} (as the ODS places an extension resource
 * under a parent claim, whose strategies it inherits). A claim marked {@code x-hub-function} guards one of the hub's
 * own functions rather than a resource ({@link #ADMINISTRATION}; docs/decisions/0023).
 */
public final class ClaimsHierarchy {

    /**
     * The hub function claim that makes a state administrator: the admin API, the Admin API, the client directory,
     * feed and conflict administration and every school year (docs/decisions/0023).
     */
    public static final String ADMINISTRATION = "hubAdministration";

    /** One claim: its short name, claim URI, default strategies per action, and the claim above it (or null). */
    public record Claim(String name, String claimName, Map<Action, List<Strategy>> defaults, Claim parent) {

        /** This claim and the claims above it, nearest first. */
        public List<Claim> lineage() {
            List<Claim> lineage = new ArrayList<>();
            for (Claim claim = this; claim != null; claim = claim.parent) {
                lineage.add(claim);
            }
            return lineage;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Map<String, Claim> byName;
    private final Claim descriptors;
    private final Claim extensions;
    private final List<Claim> functions;

    private ClaimsHierarchy(Map<String, Claim> byName, Claim descriptors, Claim extensions, List<Claim> functions) {
        this.byName = byName;
        this.descriptors = descriptors;
        this.extensions = extensions;
        this.functions = functions;
    }

    /** The hierarchy this library ships. */
    public static ClaimsHierarchy shipped() {
        try (InputStream in = ClaimsHierarchy.class.getResourceAsStream("/edfi/security/claims-hierarchy.json")) {
            return of(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hierarchy from its JSON ({@code {"claims": [...]}}); every finding at once. */
    public static ClaimsHierarchy of(JsonNode document) {
        Map<String, Claim> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Claim[] marked = new Claim[2];
        List<Claim> functions = new ArrayList<>();
        document.path("claims").forEach(claim -> read(claim, null, byName, marked, functions, problems));
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new ClaimsHierarchy(byName, marked[0], marked[1], List.copyOf(functions));
    }

    private static void read(
            JsonNode node,
            Claim parent,
            Map<String, Claim> byName,
            Claim[] marked,
            List<Claim> functions,
            List<String> problems) {
        String claimName = node.path("name").asText("");
        String name = shortName(claimName);
        if (name.isEmpty()) {
            problems.add("A claim has no name.");
            return;
        }
        Map<Action, List<Strategy>> defaults = new EnumMap<>(Action.class);
        node.path("defaultAuthorization").path("actions").forEach(action -> {
            String actionName = action.path("name").asText();
            Optional<Action> known = EdFiNames.find(Action.values(), actionName);
            if (known.isEmpty()) {
                problems.add("The claim '" + name + "' names an unknown action '" + actionName + "'.");
                return;
            }
            defaults.put(
                    known.get(),
                    strategies(action.path("authorizationStrategies"), "name", "The claim '" + name + "'", problems));
        });
        Claim claim = new Claim(name, claimName, Map.copyOf(defaults), parent);
        if (byName.putIfAbsent(key(name), claim) != null) {
            problems.add("The claim '" + name + "' appears twice in the hierarchy.");
        }
        if (node.path("x-hub-descriptors").asBoolean(false)) {
            marked[0] = claim;
        }
        if (node.path("x-hub-extensions").asBoolean(false)) {
            marked[1] = claim;
        }
        if (node.path("x-hub-function").asBoolean(false)) {
            functions.add(claim);
        }
        node.path("claims").forEach(child -> read(child, claim, byName, marked, functions, problems));
    }

    /**
     * Strategies named in {@code array} (by {@code field} of each entry, else its {@code name}, as the Admin API 3's
     * examples write them); unknown ones are findings.
     */
    static List<Strategy> strategies(JsonNode array, String field, String where, List<String> problems) {
        List<Strategy> strategies = new ArrayList<>();
        array.forEach(entry -> {
            String strategyName = (entry.has(field) ? entry.path(field) : entry.path("name")).asText();
            EdFiNames.find(Strategy.values(), strategyName)
                    .ifPresentOrElse(
                            strategies::add,
                            () -> problems.add(
                                    where + " names an unknown authorization strategy '" + strategyName + "'."));
        });
        return List.copyOf(strategies);
    }

    /** Every claim, each before the claims under it, in the order the hierarchy is written. */
    public List<Claim> claims() {
        return List.copyOf(byName.values());
    }

    /** The claims that guard one of the hub's own functions ({@code x-hub-function}), not a resource. */
    public List<Claim> functions() {
        return functions;
    }

    /** The claim of this short name or claim URI, compared without regard to case. */
    public Optional<Claim> claim(String name) {
        return Optional.ofNullable(byName.get(key(shortName(name))));
    }

    /**
     * The claim of a resource: the one named after it; else for a descriptor the descriptors' claim, for an extension
     * project's own resource the extensions' claim.
     */
    public Optional<Claim> claimOf(ResourceDefinition resource) {
        Optional<Claim> named = claim(resource.resourceName());
        if (named.isPresent()) {
            return named;
        }
        if (resource.descriptor()) {
            return Optional.ofNullable(descriptors);
        }
        return ResourceDefinition.CORE.equals(resource.project()) ? named : Optional.ofNullable(extensions);
    }

    /** The resources of {@code catalog} that have no claim here (a claim set grants them nothing). */
    public List<String> unclaimed(ResourceCatalog catalog) {
        return catalog.all().stream()
                .filter(resource -> claimOf(resource).isEmpty())
                .map(ResourceDefinition::key)
                .sorted()
                .toList();
    }

    private static String shortName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
