package org.statehub.edfi.core.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.security.ClaimSet;
import org.statehub.edfi.contract.security.ClaimSetMatrix;
import org.statehub.edfi.contract.security.ClaimsHierarchy;
import org.statehub.http.ClientDirectory;

/**
 * The claim sets this service applies, each resolved into what it grants: per resource and action, the strategies
 * that authorize it (docs/decisions/0020, parts 3 and step 14). The one place claim sets come from: the gateway's
 * {@code GET /internal/v1/claimSets/{name}} through hub-http's {@link ClientDirectory}, kept as the directory keeps
 * a client's entry (5 s, then revalidated by ETag), so an administrator's change through the Admin API applies
 * within seconds; each version is parsed once. A name the gateway does not know has no matrix, and its requests
 * are refused (403). {@link #shipped} answers edfi-contract's shipped claim sets instead, for the engine's tests
 * that run without a gateway.
 */
public final class ClaimSets {

    private final Function<String, Optional<ClaimSetMatrix>> source;

    private ClaimSets(Function<String, Optional<ClaimSetMatrix>> source) {
        this.source = source;
    }

    /** The claim sets the gateway keeps, read through the client directory. */
    public static ClaimSets of(ClientDirectory directory, ObjectMapper mapper) {
        Map<String, Parsed> parsed = new ConcurrentHashMap<>();
        return new ClaimSets(name -> directory.claimSet(name).map(json -> {
            Parsed known = parsed.get(name);
            if (known != null && known.json().equals(json)) {
                return known.matrix();
            }
            Parsed read = new Parsed(json, read(mapper, name, json));
            if (parsed.size() > 1_000) {
                parsed.clear();
            }
            parsed.put(name, read);
            return read.matrix();
        }));
    }

    /** edfi-contract's shipped claim sets resolved over {@code catalog}, by exact name (no gateway). */
    public static ClaimSets shipped(ResourceCatalog catalog) {
        ClaimsHierarchy hierarchy = ClaimsHierarchy.shipped();
        Map<String, ClaimSetMatrix> byName = new LinkedHashMap<>();
        for (ClaimSet set : ClaimSet.shipped(hierarchy)) {
            byName.put(set.name(), ClaimSetMatrix.of(set, hierarchy, catalog));
        }
        return new ClaimSets(name -> Optional.ofNullable(byName.get(name)));
    }

    /** What the claim set of this name (as tokens carry it) grants; empty when unknown. */
    public Optional<ClaimSetMatrix> matrix(String name) {
        return name == null || name.isEmpty() ? Optional.empty() : source.apply(name);
    }

    /** The hub's shipped {@code SISVendor} over the contract this process loaded. */
    static ClaimSetMatrix sisVendor() {
        return Shipped.SIS_VENDOR;
    }

    private record Parsed(String json, ClaimSetMatrix matrix) {}

    private static ClaimSetMatrix read(ObjectMapper mapper, String name, String json) {
        try {
            return mapper.readValue(json, ClaimSetMatrix.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The gateway's claim set '" + name + "' cannot be read", e);
        }
    }

    private static final class Shipped {
        static final ClaimSetMatrix SIS_VENDOR =
                shipped(ResourceCatalog.contract()).matrix("SISVendor").orElseThrow();
    }
}
