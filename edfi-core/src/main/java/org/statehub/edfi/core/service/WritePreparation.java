package org.statehub.edfi.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.profile.MemberSelection;
import org.statehub.edfi.core.descriptor.DescriptorLookup;
import org.statehub.edfi.core.store.StoredDocument;
import org.statehub.edfi.core.validation.DocumentValidator;
import org.statehub.edfi.core.validation.SchemaPreparation;
import org.statehub.edfi.core.validation.ValidationErrors;
import org.statehub.http.Problems;

/**
 * What {@link DocumentService} stores of a POST or PUT body: normalized, validated and with its natural key, or the
 * reason it cannot be written. Without a profile the body is prepared once, before any connection is taken. Under a
 * writable profile what the profile does not let the client write is removed and the descriptors sent are looked
 * up before the transaction; inside it, once the stored item is read (for the scope and ETag checks too), the body
 * is completed from it ({@link MemberSelection#restore}: what the profile hides keeps its stored value) and
 * validated, once, as it will be stored: a member the profile hides may be required.
 */
@RequiredArgsConstructor
final class WritePreparation {

    private final DocumentValidator validator;
    private final DescriptorLookup descriptors;
    private final ObjectMapper mapper;

    /** A body validated and normalized for a write, or the reason it cannot be written. */
    sealed interface Preparation {}

    /** The body's natural key, the body to store and its JSON text. */
    record Prepared(String naturalKey, ObjectNode document, String body) implements Preparation {}

    record Refused(WriteResult.Invalid invalid) implements Preparation {}

    /**
     * A write's body on its way to the store, between {@link #before} and {@link #against}: validated already
     * ({@link Validated}, no profile), or selected by a writable profile and still to be merged with the stored item
     * ({@link Selected}).
     */
    sealed interface Pending {
        ResourceDefinition resource();

        /** The body as prepared before the transaction. */
        ObjectNode sent();

        /** Its natural key (a profile always keeps the identity). */
        String naturalKey();

        /** Whether the stored item of the natural key takes part in the write (it does under a profile). */
        default boolean merges() {
            return this instanceof Selected;
        }
    }

    /** Without a profile: validated and normalized before the transaction; stored as it is. */
    record Validated(ResourceDefinition resource, Prepared prepared) implements Pending {
        @Override
        public ObjectNode sent() {
            return prepared.document();
        }

        @Override
        public String naturalKey() {
            return prepared.naturalKey();
        }
    }

    /** Under {@code profile}: normalized, without what the profile does not let the client write; validated later. */
    record Selected(ResourceDefinition resource, ObjectNode sent, String naturalKey, WriteProfile profile)
            implements Pending {}

    /** What is prepared before the transaction: the {@link Pending} body, or its refusal. */
    sealed interface Start {}

    record Ready(Pending pending) implements Start {}

    record NotReady(WriteResult.Invalid invalid) implements Start {}

    /** Before the transaction: the body of a write under {@code profile} (null: none) made pending, or refused. */
    Start before(ResourceDefinition resource, ObjectNode body, WriteProfile profile) throws SQLException {
        if (profile != null) {
            return select(resource, body, profile);
        }
        return switch (prepare(resource, body)) {
            case Refused refused -> new NotReady(refused.invalid());
            case Prepared p -> new Ready(new Validated(resource, p));
        };
    }

    /** The body to store against the stored item ({@code stored}, null when there is none), or its refusal. */
    Preparation against(Pending pending, StoredDocument stored) {
        return switch (pending) {
            case Validated validated -> validated.prepared();
            case Selected selected -> merged(selected, stored);
        };
    }

    /** The selected body with what the profile hides taken from the stored item, validated once. */
    private Preparation merged(Selected pending, StoredDocument stored) {
        ResourceDefinition resource = pending.resource();
        ObjectNode body = pending.sent().deepCopy(); // a transaction may run again: merge into a fresh copy
        if (stored == null) {
            List<String> excluded = pending.profile().writable().excludedRequired(resource.schema(), body);
            if (!excluded.isEmpty()) {
                return new Refused(new WriteResult.Invalid(
                        Problems.dataPolicyEnforced(pending.profile().name(), excluded)));
            }
        } else {
            pending.profile().writable().restore(body, parse(stored.body()));
        }
        ValidationErrors errors = validator.validate(resource, body);
        if (!errors.isEmpty()) {
            return refused(errors);
        }
        return new Prepared(NaturalKeys.of(resource, body), body, body.toString());
    }

    /**
     * Before the transaction of a write under a profile: the body normalized, without what the profile does not
     * let the client write (the client is not refused for sending it), and its descriptors looked up (no
     * connection is held meanwhile; those of the stored item were looked up when it was written).
     */
    private Start select(ResourceDefinition resource, ObjectNode body, WriteProfile profile) throws SQLException {
        ValidationErrors errors = SchemaPreparation.prepare(resource.schema(), body);
        if (errors.isEmpty()) {
            profile.writable().apply(body);
            validator.checkDescriptors(resource, body, descriptors, errors);
        }
        if (!errors.isEmpty()) {
            return new NotReady(refused(errors).invalid());
        }
        return new Ready(new Selected(resource, body, NaturalKeys.of(resource, body), profile));
    }

    /** Validation and normalization: the prepared key and body, or the validation failure. */
    private Preparation prepare(ResourceDefinition resource, ObjectNode body) throws SQLException {
        ValidationErrors errors = SchemaPreparation.prepare(resource.schema(), body);
        if (errors.isEmpty()) {
            errors = validator.validate(resource, body);
            validator.checkDescriptors(resource, body, descriptors, errors);
        }
        if (!errors.isEmpty()) {
            return refused(errors);
        }
        return new Prepared(NaturalKeys.of(resource, body), body, body.toString());
    }

    private static Refused refused(ValidationErrors errors) {
        return new Refused(new WriteResult.Invalid(Problems.dataValidation(errors.asMap(), errors.leftOut())));
    }

    /** A stored item's JSON. */
    JsonNode parse(String json) {
        return StoredJson.parse(mapper.reader(), json);
    }
}
