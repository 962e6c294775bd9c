package org.statehub.edfi.core.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.security.ClaimSet;
import org.statehub.edfi.contract.security.ClaimSetMatrix;
import org.statehub.edfi.contract.security.ClaimsHierarchy;

/**
 * The claim sets this service knows, each resolved over the service's catalog into what it grants: per resource and
 * action, the strategies that authorize it (docs/decisions/0020, part 3). The one place claim sets come from: today
 * edfi-contract's shipped claim sets over its claims hierarchy, resolved once at start; a name it does not know has
 * no matrix, and its requests are refused (403).
 */
public final class ClaimSets {

    private final Map<String, ClaimSetMatrix> byName = new LinkedHashMap<>();

    public ClaimSets(ResourceCatalog catalog) {
        ClaimsHierarchy hierarchy = ClaimsHierarchy.shipped();
        for (ClaimSet set : ClaimSet.shipped(hierarchy)) {
            byName.put(set.name(), ClaimSetMatrix.of(set, hierarchy, catalog));
        }
    }

    /** What the claim set of this name (as tokens carry it, letter case included) grants; empty when unknown. */
    public Optional<ClaimSetMatrix> matrix(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The hub's shipped {@code SISVendor} over the contract this process loaded. */
    static ClaimSetMatrix sisVendor() {
        return Shipped.SIS_VENDOR;
    }

    private static final class Shipped {
        static final ClaimSetMatrix SIS_VENDOR =
                new ClaimSets(ResourceCatalog.contract()).matrix("SISVendor").orElseThrow();
    }
}
