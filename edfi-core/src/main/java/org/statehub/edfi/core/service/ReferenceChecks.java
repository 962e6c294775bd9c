package org.statehub.edfi.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.statehub.edfi.contract.ReferenceDeclaration;
import org.statehub.edfi.contract.ReferenceTarget;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.store.DocumentStore;

/**
 * The references of a body, resolved in two steps. {@link #fetchRemote} runs before the write transaction: a
 * target stored by another service that this service's copy lacks is asked of its owner and stored (in a
 * transaction of its own, so a write refused later keeps it). {@link #check} runs inside the write transaction and
 * reads only this service's database: a target stored here is looked up by natural key and locked {@code FOR KEY
 * SHARE} until commit; a target stored elsewhere is looked up in the copy. So no other service is called while
 * the transaction is open, and retrying the transaction (serialization failures, a refreshed authorization) calls
 * none again.
 */
record ReferenceChecks(ResourceCatalog catalog, DocumentStore store, RemoteReferences remote, String serviceName) {

    /**
     * The remote targets whose owner could not be reached before the transaction, as {@code resource + NUL +
     * natural key}: a reference that resolves to none of its targets is then unavailable (503), not missing (409).
     */
    record Fetched(Set<String> unreachable) {
        static final Fetched NOTHING = new Fetched(Set.of());
    }

    /** Whether the body has any reference object. */
    static boolean hasReferences(ResourceDefinition resource, JsonNode body) {
        boolean[] found = {false};
        for (ReferenceDeclaration declaration : resource.references()) {
            declaration.path().select(body, (path, node) -> found[0] = true);
            if (found[0]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Before the write transaction, with no connection held: brings into the copy every referenced item stored by
     * another service that its owner has and the copy lacks. A reference stops at the first target that has it.
     */
    Fetched fetchRemote(ResourceDefinition resource, JsonNode body) throws SQLException {
        Set<String> unreachable = new HashSet<>();
        for (ReferenceDeclaration declaration : resource.references()) {
            for (JsonNode reference : instances(declaration, body)) {
                for (ReferenceTarget via : declaration.targets()) {
                    ResourceDefinition target = catalog.find(via.resource());
                    if (target == null || target.ownerService().equals(serviceName)) {
                        continue; // outside this API, or stored here: checked in the transaction
                    }
                    RemoteReferences.Resolution fetched = remote.fetch(target, via, reference);
                    if (fetched == RemoteReferences.Resolution.EXISTS) {
                        break;
                    }
                    if (fetched == RemoteReferences.Resolution.UNAVAILABLE) {
                        unreachable.add(target.key() + '\u0000' + NaturalKeys.ofReference(target, via, reference));
                    }
                }
            }
        }
        return unreachable.isEmpty() ? Fetched.NOTHING : new Fetched(Set.copyOf(unreachable));
    }

    /** Inside the write transaction: the first reference of the body that does not resolve, as a result; null when all do. */
    WriteResult check(Connection c, ResourceDefinition resource, JsonNode body, Fetched fetched) throws SQLException {
        for (ReferenceDeclaration declaration : resource.references()) {
            for (JsonNode reference : instances(declaration, body)) {
                RemoteReferences.Resolution resolution = resolution(c, declaration, reference, fetched);
                if (resolution == RemoteReferences.Resolution.UNAVAILABLE) {
                    return new WriteResult.Unavailable(declaration.targetResourceName());
                }
                if (resolution == RemoteReferences.Resolution.MISSING) {
                    return new WriteResult.UnresolvedReference(declaration.targetResourceName());
                }
            }
        }
        return null;
    }

    private RemoteReferences.Resolution resolution(
            Connection c, ReferenceDeclaration declaration, JsonNode reference, Fetched fetched) throws SQLException {
        boolean unchecked = false;
        boolean unavailable = false;
        for (ReferenceTarget via : declaration.targets()) {
            ResourceDefinition target = catalog.find(via.resource());
            if (target == null) {
                continue; // a resource outside this API: nothing can resolve to it
            }
            if (target.ownerService().equals(serviceName)) {
                String key = NaturalKeys.ofReference(target, via, reference);
                if (key != null && store.lockKey(c, target.key(), key)) {
                    return RemoteReferences.Resolution.EXISTS;
                }
            } else {
                switch (remote.resolve(c, target, via, reference)) {
                    case EXISTS -> {
                        return RemoteReferences.Resolution.EXISTS;
                    }
                    case NOT_CHECKED -> unchecked = true;
                    case MISSING, UNAVAILABLE ->
                        unavailable |= fetched.unreachable()
                                .contains(target.key() + '\u0000' + NaturalKeys.ofReference(target, via, reference));
                }
            }
        }
        if (unavailable) {
            return RemoteReferences.Resolution.UNAVAILABLE;
        }
        return unchecked ? RemoteReferences.Resolution.NOT_CHECKED : RemoteReferences.Resolution.MISSING;
    }

    /** The reference objects a declaration selects in the body (several for a reference inside a collection). */
    private static List<JsonNode> instances(ReferenceDeclaration declaration, JsonNode body) {
        List<JsonNode> instances = new ArrayList<>();
        declaration.path().select(body, (path, node) -> instances.add(node));
        return instances;
    }
}
