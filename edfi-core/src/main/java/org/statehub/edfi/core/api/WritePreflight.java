package org.statehub.edfi.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.core.service.QueryService;
import org.statehub.edfi.core.service.StoredJson;
import org.statehub.edfi.core.service.WriteProfile;
import org.statehub.http.Problem;
import org.statehub.http.Problems;

/**
 * The checks before a write, in one place for {@link DataResource} and {@link BulkResource}: the body's members get
 * their contract names (a member sent twice in different letter cases is refused), the caller's claim set must
 * allow the write ({@link ClaimSetRules}, with a descriptor's namespace), the profile the write is made under is
 * resolved from its {@code Content-Type} and the caller's assigned profiles ({@link ProfileResolution#forWrite}),
 * and a POST may not assign the id. The outcome is a {@link Outcome}: cleared, with the profile, or refused with its
 * problem, the first one found in that order.
 */
@RequestScoped
public class WritePreflight {

    /** What the checks before a write decided. */
    sealed interface Outcome {
        /**
         * Nothing stands in the way: the engine may try the write, under {@code profile} (null: none; always null
         * for a DELETE, which sends no item).
         */
        record Cleared(WriteProfile profile) implements Outcome {}

        /** The write is refused before the engine sees it, with this problem. */
        record Refused(Problem problem) implements Outcome {}
    }

    private static final Outcome CLEARED = new Outcome.Cleared(null);

    @Inject
    RequestCaller caller;

    @Inject
    QueryService queries;

    @Inject
    ObjectMapper mapper;

    /** A POST of the collection: the body may not carry an id. */
    Outcome post(ResourceDefinition resource, ObjectNode document, String contentType) {
        Outcome before = first(() -> canonicalNames(resource, document), () -> claimSet(resource, document, UPSERT));
        return before instanceof Outcome.Refused
                ? before
                : then(profile(resource, contentType, ProfileResolution.Use.POST), () -> idAssigned(document));
    }

    /**
     * One item of a bulk upsert, under what {@link #profile(ResourceDefinition, String)} cleared once for the whole
     * request: the checks of a POST without resolving the profile again.
     */
    Outcome bulkItem(ResourceDefinition resource, ObjectNode document, Outcome.Cleared request) {
        return then(
                request,
                () -> canonicalNames(resource, document),
                () -> claimSet(resource, document, UPSERT),
                () -> idAssigned(document));
    }

    /** A PUT of an item. */
    Outcome put(ResourceDefinition resource, ObjectNode document, String contentType) {
        Outcome before = first(
                () -> canonicalNames(resource, document), () -> claimSet(resource, document, List.of(Action.Update)));
        return before instanceof Outcome.Refused ? before : profile(resource, contentType, ProfileResolution.Use.PUT);
    }

    /**
     * A DELETE of an item: the claim set, with the stored item's namespace when the caller's descriptor writes are
     * limited to its namespace prefixes. Profiles allow deletes.
     */
    Outcome delete(ResourceDefinition resource, UUID id) {
        return first(
                () -> ClaimSetRules.write(caller.claims(), caller.matrix(), resource, List.of(Action.Delete), null),
                () -> storedNamespace(resource, id));
    }

    /**
     * The profile of a bulk upsert, resolved once for the request before its items ({@link #bulkItem}), as a
     * refusal by profile refuses every item alike.
     */
    Outcome profile(ResourceDefinition resource, String contentType) {
        return profile(resource, contentType, ProfileResolution.Use.POST);
    }

    /** The profile the write is made under ({@link Outcome.Cleared} with it, or with none), or its refusal. */
    private Outcome profile(ResourceDefinition resource, String contentType, ProfileResolution.Use use) {
        return switch (ProfileResolution.forWrite(resource, contentType, use, caller.profiles())) {
            case ProfileResolution.Resolved.Refused refused -> new Outcome.Refused(refused.problem());
            case ProfileResolution.Resolved.None none -> CLEARED;
            case ProfileResolution.Resolved.Applied applied ->
                new Outcome.Cleared(new WriteProfile(applied.profile(), applied.selection()));
        };
    }

    /** {@code cleared} unless it was refused or one of {@code checks} refuses (the first refusal). */
    @SafeVarargs
    private static Outcome then(Outcome cleared, Supplier<Optional<Problem>>... checks) {
        if (cleared instanceof Outcome.Refused) {
            return cleared;
        }
        Outcome rest = first(checks);
        return rest instanceof Outcome.Refused ? rest : cleared;
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

    /** A POST creates or updates the item of its natural key: either action's grant lets it through to the engine. */
    private static final List<Action> UPSERT = List.of(Action.Create, Action.Update);

    private Optional<Problem> claimSet(ResourceDefinition resource, ObjectNode document, List<Action> actions) {
        return ClaimSetRules.write(
                caller.claims(), caller.matrix(), resource, actions, RequestBodies.namespaceOf(resource, document));
    }

    private static Optional<Problem> idAssigned(ObjectNode document) {
        return document.has("id")
                ? Optional.of(Problems.constructedIncorrectly("Resource identifiers cannot be assigned by the client. "
                        + "The 'id' property should not be included in the request body."))
                : Optional.empty();
    }

    /** The stored descriptor's namespace checked against the caller's prefixes, when they limit its writes. */
    private Optional<Problem> storedNamespace(ResourceDefinition resource, UUID id) {
        if (!resource.descriptor() || !ClaimSetRules.namespaceBased(caller.matrix(), resource, Action.Delete)) {
            return Optional.empty();
        }
        if (!(queries.findById(caller.scope(), resource, id) instanceof QueryService.Lookup.Found stored)) {
            return Optional.empty(); // the delete answers 404 or 403 itself
        }
        ObjectNode item =
                (ObjectNode) StoredJson.parse(mapper.reader(), stored.item().json());
        return ClaimSetRules.write(
                caller.claims(),
                caller.matrix(),
                resource,
                List.of(Action.Delete),
                RequestBodies.namespaceOf(resource, item));
    }
}
