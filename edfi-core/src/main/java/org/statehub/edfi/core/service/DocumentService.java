package org.statehub.edfi.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.statehub.edfi.contract.JsonPath;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.security.Action;
import org.statehub.edfi.core.descriptor.DescriptorLookup;
import org.statehub.edfi.core.service.WritePreparation.Pending;
import org.statehub.edfi.core.service.WritePreparation.Preparation;
import org.statehub.edfi.core.service.WritePreparation.Prepared;
import org.statehub.edfi.core.service.WritePreparation.Refused;
import org.statehub.edfi.core.store.DocumentStore;
import org.statehub.edfi.core.store.Filter;
import org.statehub.edfi.core.store.ReportStore;
import org.statehub.edfi.core.store.StoredDocument;
import org.statehub.edfi.core.validation.DocumentValidator;
import org.statehub.jdbc.StoreException;
import org.statehub.jdbc.Transactions;

/**
 * The write side of the engine: upsert by natural key, replace by id, delete by id. Each is one transaction:
 * validate (no I/O but the descriptor lookup), resolve references, check the ETag, write, and leave the change
 * records (change version, tombstone, key change) in the same commit. A database failure comes out as a
 * {@link StoreException}.
 */
public final class DocumentService {

    private final String serviceName;
    private final DataSource dataSource;
    private final ResourceCatalog catalog;
    private final RemoteReferences remote;
    private final DocumentStore store = new DocumentStore();
    private final ReportStore reported = new ReportStore();
    private final UpsertBatcher batcher;
    private final WritePreparation preparation;
    private final Relationships.Policy policy;
    private final ReferenceChecks references;
    private final KeyChanges keyChanges;

    public DocumentService(
            String serviceName,
            DataSource dataSource,
            ResourceCatalog catalog,
            DocumentValidator validator,
            DescriptorLookup descriptors,
            RemoteReferences remote,
            ObjectMapper mapper,
            int upsertGroups,
            Relationships.Policy policy) {
        this.policy = policy;
        this.serviceName = serviceName;
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.remote = remote;
        this.preparation = new WritePreparation(validator, descriptors, mapper);
        this.batcher = new UpsertBatcher(dataSource, store, upsertGroups);
        this.references = new ReferenceChecks(catalog, store, remote, serviceName);
        this.keyChanges = new KeyChanges(serviceName, catalog, store, mapper);
    }

    public String serviceName() {
        return serviceName;
    }

    /** Whether this service stores the resource. */
    public boolean serves(ResourceDefinition resource) {
        return resource.ownerService().equals(serviceName);
    }

    /** A write of a pending body. */
    @FunctionalInterface
    private interface PendingWrite {
        WriteResult run(Pending pending) throws SQLException;
    }

    /**
     * Prepares the body of a POST or PUT ({@link WritePreparation#before}); a refused body is the answer, else
     * {@code write} runs with it. A database failure comes out as a {@link StoreException}.
     */
    private WriteResult whenPending(
            ResourceDefinition resource, ObjectNode body, WriteProfile profile, PendingWrite write) {
        return StoreException.unchecked(() -> switch (preparation.before(resource, body, profile)) {
            case WritePreparation.NotReady refused -> refused.invalid();
            case WritePreparation.Ready ready -> write.run(ready.pending());
        });
    }

    /**
     * What the caller's claim set requires of an item it writes by {@code action}: the condition on the item as
     * stored and as sent ({@code access}) and on what the item as sent sets ({@code sent}, only beside an
     * {@code access}); both null when nothing.
     */
    private record Access(Filter access, Filter sent) {

        boolean checked() {
            return access != null;
        }
    }

    private Access access(AccessScope scope, ResourceDefinition resource, Action action) {
        return new Access(
                Relationships.itemFilter(resource, scope, "d", action),
                Relationships.sent(resource, scope, "d", action, policy));
    }

    /** POST: insert, or update the item that has the same natural key. */
    public WriteResult upsert(AccessScope scope, ResourceDefinition resource, ObjectNode body, String ifMatch) {
        return upsert(scope, resource, body, ifMatch, null);
    }

    /** POST under a writable profile ({@code profile}; null: none). */
    public WriteResult upsert(
            AccessScope scope, ResourceDefinition resource, ObjectNode body, String ifMatch, WriteProfile profile) {
        Access create = access(scope, resource, Action.Create);
        Access update = access(scope, resource, Action.Update);
        boolean checked = create.checked() || update.checked();
        return whenPending(resource, body, profile, pending -> {
            boolean referencing = ReferenceChecks.hasReferences(resource, pending.sent());
            if (!checked && ifMatch == null && !referencing && pending instanceof WritePreparation.Validated v) {
                // a single statement, atomic on its own: no explicit transaction, and grouped with concurrent ones
                Prepared p = v.prepared();
                return upserted(batcher.upsert(resource.key(), p.naturalKey(), p.body(), scope.clientId()));
            }
            ReferenceChecks.Fetched fetched =
                    referencing ? references.fetchRemote(resource, pending.sent()) : ReferenceChecks.Fetched.NOTHING;
            return withFreshRelationships(
                    resource,
                    checked,
                    () -> Transactions.inTransaction(dataSource, c -> {
                        StoredDocument existing = checked || ifMatch != null || pending.merges()
                                ? store.findByKey(c, resource.key(), pending.naturalKey(), true)
                                : null;
                        Preparation ready = preparation.against(pending, existing);
                        if (ready instanceof Refused refused) {
                            return refused.invalid();
                        }
                        Prepared p = (Prepared) ready;
                        if (checked && !authorized(c, existing == null ? create : update, p.body(), existing, scope)) {
                            return new WriteResult.Forbidden();
                        }
                        WriteResult unresolved = references.check(c, resource, p.document(), fetched);
                        if (unresolved != null) {
                            return unresolved;
                        }
                        if (ifMatch != null && existing != null && !ETags.matches(ifMatch, existing.etag())) {
                            return new WriteResult.ETagMismatch();
                        }
                        DocumentStore.UpsertResult written =
                                store.upsert(c, resource.key(), p.naturalKey(), p.body(), scope.clientId());
                        report(c, scope, resource, p);
                        return upserted(written);
                    }));
        });
    }

    /**
     * Whether what each organization reports of the resource's items is kept ({@code /{resource}/reports}): the
     * resources several organizations write as one record (a student has one record, but each LEA sends its own
     * name and birth date), declared {@code reportedPerOrganization} in the contract data (V1_6, for
     * conflict-service).
     */
    public static boolean reported(ResourceDefinition resource) {
        return resource.has(ResourceDefinition.Rule.REPORTED_PER_ORGANIZATION);
    }

    /**
     * Whether a write of {@code body} (replacing {@code existing}, null for a new item, then created by the
     * writer) is authorized: the item as stored and as sent meet the claim set's condition, and every reference
     * of the sent item that it sets reaches only what the writer reaches ({@link Relationships#sent}).
     */
    private boolean authorized(Connection c, Access required, String body, StoredDocument existing, AccessScope scope)
            throws SQLException {
        String creator = existing == null ? scope.clientId() : existing.createdBy();
        Filter access = required.access();
        if (!required.checked()) {
            return true;
        }
        if (existing != null && access != null && !store.allows(c, access, existing.body(), existing.createdBy())) {
            return false;
        }
        Filter sent = required.sent();
        Filter asSent = sent == null
                ? access
                : new Filter(
                        access.sql() + " AND " + sent.sql(),
                        java.util.stream.Stream.concat(access.values().stream(), sent.values().stream())
                                .toList());
        return store.allows(c, asSent, body, creator, existing == null ? null : existing.body());
    }

    /** Records the body as the report of the writer's organization, when the writer is scoped to exactly one. */
    private void report(Connection c, AccessScope scope, ResourceDefinition resource, Prepared p) throws SQLException {
        if (reported(resource)
                && !scope.unrestricted()
                && scope.educationOrganizationIds().size() == 1) {
            reported.report(
                    c,
                    resource.key(),
                    p.naturalKey(),
                    scope.educationOrganizationIds().iterator().next(),
                    scope.clientId(),
                    p.body());
        }
    }

    @FunctionalInterface
    private interface Attempt {
        WriteResult run() throws SQLException;
    }

    /**
     * Runs a write; when it is refused for want of a relationship that another service holds, the replicas of
     * relationships catch up and it runs once more (so an enrollment made a moment ago counts at once).
     */
    private WriteResult withFreshRelationships(ResourceDefinition resource, boolean checked, Attempt write)
            throws SQLException {
        WriteResult result = write.run();
        if (result instanceof WriteResult.Forbidden
                && checked
                && Relationships.dependsOnRelationships(resource)
                && remote.refreshRelationships()) {
            result = write.run();
        }
        return result;
    }

    /**
     * The stored item a PUT or DELETE changes: its resource and id, the caller's access filter (null: unrestricted),
     * the request's If-Match (null: none), the detail of the 404 when there is no such item, and the body a PUT
     * writes (null for a DELETE).
     */
    private record Target(
            ResourceDefinition resource, UUID id, Filter access, String ifMatch, String notFound, Pending body) {}

    /**
     * A step of a write on the stored item, inside its transaction, with the body to store ({@code p}: the PUT's,
     * completed from the stored item under a profile; null for a DELETE).
     */
    @FunctionalInterface
    private interface OnStored<T> {
        T apply(Connection c, StoredDocument existing, Prepared p) throws SQLException;
    }

    /**
     * A write of a stored item (PUT, DELETE) in one transaction, tried again once with fresh relationships when
     * they refused it: not found without the item, the body's refusal when it cannot be stored over the item
     * ({@link WritePreparation#against}), forbidden when the caller has an access filter and {@code allowed} says no, an ETag
     * mismatch when If-Match names another version; else what {@code write} does with the item.
     */
    private WriteResult onStored(Target target, OnStored<Boolean> allowed, OnStored<WriteResult> write)
            throws SQLException {
        ResourceDefinition resource = target.resource();
        return withFreshRelationships(
                resource,
                target.access() != null,
                () -> Transactions.inTransaction(dataSource, c -> {
                    StoredDocument existing = store.findById(c, resource.key(), target.id(), true);
                    if (existing == null) {
                        return new WriteResult.NotFound(target.notFound());
                    }
                    Preparation ready = target.body() == null ? null : preparation.against(target.body(), existing);
                    if (ready instanceof Refused refused) {
                        return refused.invalid();
                    }
                    Prepared p = (Prepared) ready;
                    if (target.access() != null && !allowed.apply(c, existing, p)) {
                        return new WriteResult.Forbidden();
                    }
                    if (target.ifMatch() != null && !ETags.matches(target.ifMatch(), existing.etag())) {
                        return new WriteResult.ETagMismatch();
                    }
                    return write.apply(c, existing, p);
                }));
    }

    private static WriteResult upserted(DocumentStore.UpsertResult result) {
        String etag = Long.toString(result.changeVersion());
        return result.inserted()
                ? new WriteResult.Created(result.id(), etag)
                : new WriteResult.Updated(result.id(), etag);
    }

    /** PUT: replace the item with this id; its natural key may change only where the resource allows it. */
    public WriteResult replace(
            AccessScope scope, ResourceDefinition resource, UUID id, ObjectNode body, String ifMatch) {
        return replace(scope, resource, id, body, ifMatch, null);
    }

    /** PUT under a writable profile ({@code profile}; null: none). */
    public WriteResult replace(
            AccessScope scope,
            ResourceDefinition resource,
            UUID id,
            ObjectNode body,
            String ifMatch,
            WriteProfile profile) {
        Access update = access(scope, resource, Action.Update);
        return whenPending(resource, body, profile, pending -> {
            ReferenceChecks.Fetched fetched = references.fetchRemote(resource, pending.sent());
            return onStored(
                    new Target(resource, id, update.access(), ifMatch, "Resource to update was not found.", pending),
                    (c, existing, p) -> authorized(c, update, p.body(), existing, scope),
                    (c, existing, p) -> {
                        boolean keyChange = !existing.naturalKey().equals(p.naturalKey());
                        if (keyChange) {
                            if (!resource.allowKeyChanges()) {
                                return new WriteResult.KeyChangeNotSupported(resource.resourceName());
                            }
                            if (store.findByKey(c, resource.key(), p.naturalKey(), false) != null) {
                                return new WriteResult.NonUniqueIdentity(resource.resourceName());
                            }
                        }
                        WriteResult unresolved = references.check(c, resource, p.document(), fetched);
                        if (unresolved != null) {
                            return unresolved;
                        }
                        report(c, scope, resource, p);
                        if (!keyChange && sameBody(existing.body(), p.body())) {
                            return new WriteResult.Updated(id, existing.etag());
                        }
                        long changeVersion = store.update(c, existing.sid(), p.naturalKey(), p.body());
                        if (keyChange) {
                            keyChanges.changed(c, resource, existing, p.document(), changeVersion);
                        }
                        return new WriteResult.Updated(id, Long.toString(changeVersion));
                    });
        });
    }

    /** DELETE by id; refused while another item still references it. */
    public WriteResult delete(AccessScope scope, ResourceDefinition resource, UUID id, String ifMatch) {
        return StoreException.unchecked(() -> {
            Filter access = Relationships.itemFilter(resource, scope, "d", Action.Delete);
            // the copies of other services' items that could reference this one catch up before the transaction
            Optional<String> unreachable = remote.catchUpReferrers(resource);
            return onStored(
                    new Target(resource, id, access, ifMatch, "Resource to delete was not found.", null),
                    (c, existing, none) -> store.allows(c, access, existing.body(), existing.createdBy()),
                    (c, existing, none) -> {
                        JsonNode body = preparation.parse(existing.body());
                        Optional<String> dependent = localDependent(c, resource, body);
                        if (dependent.isEmpty() && unreachable.isPresent()) {
                            // refusing is safe; allowing could orphan an item the other service has just created
                            return new WriteResult.ReferrersUnknown(unreachable.get());
                        }
                        if (dependent.isEmpty()) {
                            dependent = remote.dependentOf(c, resource, NaturalKeys.keyValues(resource, body));
                        }
                        if (dependent.isPresent()) {
                            return new WriteResult.DependentItemExists(dependent.get());
                        }
                        store.delete(
                                c,
                                existing,
                                resource.key(),
                                NaturalKeys.keyValues(resource, body).toString(),
                                keyChanges.audience(c, resource, existing.body()));
                        if (reported(resource)) {
                            reported.withdrawReports(c, resource.key(), existing.naturalKey());
                        }
                        return new WriteResult.Deleted();
                    });
        });
    }

    private Optional<String> localDependent(Connection c, ResourceDefinition resource, JsonNode body)
            throws SQLException {
        String uri = resource.descriptor() ? Dependents.descriptorUri(body) : null;
        for (ResourceDefinition other : catalog.ownedBy(serviceName)) {
            List<String> containments = resource.descriptor()
                    ? Dependents.usingDescriptor(other, resource, uri)
                    : Dependents.referencing(
                            other,
                            resource,
                            targetPath -> JsonPath.parse(targetPath).get(body));
            for (String containment : containments) {
                if (store.anyContaining(c, other.key(), containment)) {
                    return Optional.of(other.resourceName());
                }
            }
        }
        return Optional.empty();
    }

    private boolean sameBody(String stored, String candidate) {
        return preparation.parse(stored).equals(preparation.parse(candidate));
    }
}
