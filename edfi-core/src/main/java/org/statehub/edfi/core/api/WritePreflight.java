package org.statehub.edfi.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.service.QueryService;
import org.statehub.http.Problem;
import org.statehub.http.Problems;

/**
 * The checks before a write, in one place for {@link DataResource} and {@link BulkResource}: the body's members get
 * their contract names (a member sent twice in different letter cases is refused), the caller's claim set must
 * allow the write ({@link ClaimSetRules}, with a descriptor's namespace), an assigned profile that covers the
 * resource makes it read-only ({@link ProfileResolution#forWrite}), and a POST may not assign the id. The outcome
 * is a {@link Outcome}: cleared, or refused with its problem, the first one found in that order.
 */
@RequestScoped
public class WritePreflight {

    /** What the checks before a write decided. */
    sealed interface Outcome {
        /** Nothing stands in the way: the engine may try the write. */
        record Cleared() implements Outcome {}

        /** The write is refused before the engine sees it, with this problem. */
        record Refused(Problem problem) implements Outcome {}
    }

    private static final Outcome CLEARED = new Outcome.Cleared();

    @Inject
    RequestCaller caller;

    @Inject
    QueryService queries;

    @Inject
    ObjectMapper mapper;

    /** A POST of the collection (also each item of a bulk upsert): the body may not carry an id. */
    Outcome post(ResourceDefinition resource, ObjectNode document) {
        return first(
                () -> canonicalNames(resource, document),
                () -> claimSet(resource, document),
                () -> profiles(resource),
                () -> idAssigned(document));
    }

    /** A PUT of an item. */
    Outcome put(ResourceDefinition resource, ObjectNode document) {
        return first(
                () -> canonicalNames(resource, document), () -> claimSet(resource, document), () -> profiles(resource));
    }

    /**
     * A DELETE of an item: the claim set, with the stored item's namespace when the caller's descriptor writes are
     * limited to its namespace prefixes. Profiles allow deletes.
     */
    Outcome delete(ResourceDefinition resource, UUID id) {
        return first(() -> ClaimSetRules.write(caller.claims(), resource, null), () -> storedNamespace(resource, id));
    }

    /**
     * Only the profile guard: a bulk upsert asks it once for the whole request before its items, as a refusal by
     * profile refuses every item alike.
     */
    Outcome profileAllowsWrites(ResourceDefinition resource) {
        return first(() -> profiles(resource));
    }

    @SafeVarargs
    private static Outcome first(Supplier<Optional<Problem>>... checks) {
        for (Supplier<Optional<Problem>> check : checks) {
            Optional<Problem> refusal = check.get();
            if (refusal.isPresent()) {
                return new Outcome.Refused(refusal.get());
            }
        }
        return CLEARED;
    }

    private static Optional<Problem> canonicalNames(ResourceDefinition resource, ObjectNode document) {
        return Optional.ofNullable(RequestBodies.canonicalNames(resource, document));
    }

    private Optional<Problem> claimSet(ResourceDefinition resource, ObjectNode document) {
        return ClaimSetRules.write(caller.claims(), resource, RequestBodies.namespaceOf(resource, document));
    }

    private Optional<Problem> profiles(ResourceDefinition resource) {
        return ProfileResolution.forWrite(resource, caller.profiles());
    }

    private static Optional<Problem> idAssigned(ObjectNode document) {
        return document.has("id")
                ? Optional.of(Problems.constructedIncorrectly("Resource identifiers cannot be assigned by the client. "
                        + "The 'id' property should not be included in the request body."))
                : Optional.empty();
    }

    /** The stored descriptor's namespace checked against the caller's prefixes, when they limit its writes. */
    private Optional<Problem> storedNamespace(ResourceDefinition resource, UUID id) {
        if (!resource.descriptor() || !ClaimSetRules.limitedToNamespaces(caller.claims())) {
            return Optional.empty();
        }
        if (!(queries.findById(caller.scope(), resource, id) instanceof QueryService.Lookup.Found stored)) {
            return Optional.empty(); // the delete answers 404 or 403 itself
        }
        try {
            ObjectNode item = (ObjectNode) mapper.readTree(stored.item().json());
            return ClaimSetRules.write(caller.claims(), resource, RequestBodies.namespaceOf(resource, item));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored descriptor is not valid JSON", e);
        }
    }
}
