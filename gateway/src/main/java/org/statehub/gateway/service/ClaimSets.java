package org.statehub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import lombok.RequiredArgsConstructor;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.InvalidDefinitionException;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.contract.security.ClaimSet;
import org.statehub.edfi.contract.security.ClaimSetMatrix;
import org.statehub.edfi.contract.security.ClaimsHierarchy;
import org.statehub.edfi.contract.security.Strategy;
import org.statehub.gateway.persistence.ClaimSetRepository;
import org.statehub.gateway.persistence.ClaimSetRepository.StoredClaimSet;
import org.statehub.http.Administration;
import org.statehub.http.TokenClaims;

/**
 * The claim sets the gateway keeps (docs/decisions/0020, parts 3 and 4): the contract's shipped claim sets seeded
 * at start, system reserved; every claim set stored only once it reads against the contract's claims hierarchy and
 * resolves over every resource of the catalog ({@link ClaimSetMatrix}), so what the services ask for
 * ({@link #matrix(String)}) always resolves. A claim set is stored as its resource-claim entries kept flat (the
 * Admin API's entry shape without {@code children}); a resource claim's Admin API id is its place in the hierarchy.
 * The gateway's {@link Administration}: a caller administers the hub when its stored claim set has hub
 * administration (docs/decisions/0023).
 */
@Singleton
@RequiredArgsConstructor
public class ClaimSets implements Administration {

    private static final Logger LOG = Logger.getLogger(ClaimSets.class);

    private final ClaimSetRepository claimSets;
    private final ClaimsHierarchy hierarchy;
    private final ResourceCatalog catalog;
    private final ObjectMapper json;

    /** Each stored claim set's matrix, by its row's id, with the row it was resolved from (the row is its version). */
    private final ConcurrentHashMap<Integer, Resolved> resolved = new ConcurrentHashMap<>();

    private record Resolved(StoredClaimSet row, ClaimSetMatrix matrix) {}

    void seed(@Observes StartupEvent event) {
        List<ClaimSet> shipped = ClaimSet.shipped(hierarchy);
        long written = shipped.stream()
                .filter(set -> claimSets.seed(set.name(), entries(set.grants())))
                .count();
        LOG.infof("Claim sets shipped: %d (%d written)", shipped.size(), written);
    }

    /** The claims of the hierarchy in its order: a resource claim's Admin API id is its place here, from 1. */
    public List<ClaimsHierarchy.Claim> resourceClaims() {
        return hierarchy.claims();
    }

    /** The resource claim of an Admin API id. */
    public Optional<ClaimsHierarchy.Claim> resourceClaim(int id) {
        List<ClaimsHierarchy.Claim> claims = hierarchy.claims();
        return id >= 1 && id <= claims.size() ? Optional.of(claims.get(id - 1)) : Optional.empty();
    }

    /** The Admin API id of a resource claim. */
    public int idOf(ClaimsHierarchy.Claim claim) {
        return hierarchy.claims().indexOf(claim) + 1;
    }

    /**
     * The stored claim set as the contract reads it now: a grant the contract no longer has a claim, action or
     * strategy for (the hub's hierarchy changed since it was stored) is left out and logged, not a failure; the next
     * change of the set stores it without them.
     */
    public ClaimSet read(StoredClaimSet stored) {
        ObjectNode document =
                json.createObjectNode().put("name", stored.name()).put("_isSystemReserved", stored.systemReserved());
        document.set("resourceClaims", jsonOf(stored.resourceClaims()));
        return ClaimSet.kept(document, hierarchy, findings -> dropped(stored.name(), findings));
    }

    private static void dropped(String name, List<String> findings) {
        LOG.warnf("The claim set '%s' names what this hub no longer has; left out: %s", name, findings);
    }

    /**
     * A claim set of this name and these resource claims (the Admin API's shape, children allowed) that resolves
     * over the catalog; else {@link InvalidDefinitionException} with every finding.
     */
    public ClaimSet parse(String name, JsonNode resourceClaims) {
        ClaimSet set = of(name, resourceClaims, false);
        ClaimSetMatrix.of(set, hierarchy, catalog);
        return set;
    }

    private ClaimSet of(String name, JsonNode resourceClaims, boolean systemReserved) {
        ObjectNode document = json.createObjectNode().put("name", name).put("_isSystemReserved", systemReserved);
        document.set("resourceClaims", resourceClaims == null ? json.createArrayNode() : resourceClaims);
        return ClaimSet.of(document, hierarchy);
    }

    /** The grants, checked that they resolve over the catalog, as stored (their entries, as JSON text). */
    public String checked(String name, List<ClaimSet.Grant> grants) {
        ClaimSetMatrix.of(new ClaimSet(name, false, grants), hierarchy, catalog);
        return entries(grants);
    }

    /** The stored spelling of the claim set of this name (in any case), or empty when there is none. */
    public Optional<String> storedName(String name) {
        return name == null || name.isBlank()
                ? Optional.empty()
                : claimSets.find(name.trim()).map(StoredClaimSet::name);
    }

    /** What a client is told of a claim set name no claim set has. */
    public static String unknown(String member, String name) {
        return member + " must name a claim set the hub keeps (/adminapi/v2/claimSets); '" + name + "' is none.";
    }

    /**
     * The resolved matrix of the claim set of this name, or empty when there is none. Resolved once per version of
     * its row (its name and grants as stored); a grant that no longer resolves is left out and logged.
     */
    public Optional<ClaimSetMatrix> matrix(String name) {
        return claimSets.find(name).map(this::resolved);
    }

    private ClaimSetMatrix resolved(StoredClaimSet stored) {
        Resolved known = resolved.get(stored.id());
        if (known != null && known.row().equals(stored)) {
            return known.matrix();
        }
        ClaimSetMatrix matrix =
                ClaimSetMatrix.kept(read(stored), hierarchy, catalog, findings -> dropped(stored.name(), findings));
        resolved.put(stored.id(), new Resolved(stored, matrix));
        return matrix;
    }

    /** Whether the claim set of this name (in any case) has hub administration; false for a name none has. */
    public boolean administers(String name) {
        return name != null
                && !name.isBlank()
                && matrix(name).map(ClaimSetMatrix::administers).orElse(false);
    }

    @Override
    public boolean administers(TokenClaims claims) {
        return administers(claims.claimSet());
    }

    /** The grant's entry of the claim in the list, or empty. */
    public static OptionalInt indexOf(List<ClaimSet.Grant> grants, ClaimsHierarchy.Claim claim) {
        for (int i = 0; i < grants.size(); i++) {
            if (grants.get(i).claim().name().equals(claim.name())) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** The grants as the Admin API's entries (flat, no children), as JSON text. */
    public String entries(List<ClaimSet.Grant> grants) {
        ArrayNode entries = json.createArrayNode();
        for (ClaimSet.Grant grant : grants) {
            ObjectNode entry = entries.addObject().put("name", grant.claim().name());
            ArrayNode actions = entry.putArray("actions");
            ArrayNode overrides = entry.putArray("authorizationStrategyOverridesForCRUD");
            for (Action action : Action.values()) {
                Boolean enabled = grant.actions().get(action);
                if (enabled != null) {
                    actions.addObject().put("name", action.name()).put("enabled", enabled);
                }
                List<Strategy> strategies = grant.overrides().get(action);
                if (strategies != null) {
                    ArrayNode names = overrides
                            .addObject()
                            .put("actionName", action.name())
                            .putArray("authorizationStrategies");
                    strategies.forEach(s -> names.addObject().put("authStrategyName", s.name()));
                }
            }
        }
        return entries.toString();
    }

    /** A grant with this action map and the overrides of the actions it still enables. */
    public static ClaimSet.Grant grant(
            ClaimsHierarchy.Claim claim, Map<Action, Boolean> actions, Map<Action, List<Strategy>> overrides) {
        Map<Action, List<Strategy>> kept = new HashMap<>();
        overrides.forEach((action, strategies) -> {
            if (Boolean.TRUE.equals(actions.get(action))) {
                kept.put(action, strategies);
            }
        });
        return new ClaimSet.Grant(claim, Map.copyOf(actions), Map.copyOf(kept));
    }

    private JsonNode jsonOf(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A stored claim set is not JSON", e);
        }
    }
}
