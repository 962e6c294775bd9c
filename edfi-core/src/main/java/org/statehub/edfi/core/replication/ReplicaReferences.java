package org.statehub.edfi.core.replication;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.statehub.edfi.contract.KeyField;
import org.statehub.edfi.contract.ReferenceDeclaration;
import org.statehub.edfi.contract.ReferenceTarget;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.service.Dependents;
import org.statehub.edfi.core.service.NaturalKeys;
import org.statehub.edfi.core.service.RemoteReferences;

/**
 * References into other services, checked against the local replicas. Before a write's transaction, a referenced
 * item missing from the replica is asked of its owner directly (so an item created a moment ago resolves at once)
 * and stored in a transaction of its own; when the owner cannot be reached, the answer is "unavailable" (503),
 * never a guess. Inside the transaction only the replica is read. Before a delete's transaction, the replicas of
 * the resources that could reference the item catch up.
 */
public final class ReplicaReferences implements RemoteReferences {

    private static final Logger LOG = Logger.getLogger(ReplicaReferences.class);

    private final List<ReplicaConsumer> consumers;
    private final ResourceCatalog catalog;
    private final ReplicaStore store = new ReplicaStore();

    public ReplicaReferences(List<ReplicaConsumer> consumers, ResourceCatalog catalog) {
        this.consumers = List.copyOf(consumers);
        this.catalog = catalog;
    }

    @Override
    public Resolution fetch(ResourceDefinition target, ReferenceTarget via, JsonNode reference) throws SQLException {
        Optional<ReplicaConsumer> consumer = consumerOf(target.key());
        if (consumer.isEmpty()) {
            return Resolution.NOT_CHECKED;
        }
        String key = NaturalKeys.ofReference(target, via, reference);
        if (key == null) {
            return Resolution.MISSING;
        }
        if (consumer.get().holds(target, key)) {
            return Resolution.EXISTS;
        }
        try {
            return consumer.get().fetchIntoReplica(target, keyValues(target, via, reference))
                    ? Resolution.EXISTS
                    : Resolution.MISSING;
        } catch (IOException e) {
            LOG.warnf("Cannot check a %s reference: %s", target.resourceName(), e.toString());
            return Resolution.UNAVAILABLE;
        }
    }

    @Override
    public Resolution resolve(Connection connection, ResourceDefinition target, ReferenceTarget via, JsonNode reference)
            throws SQLException {
        if (consumerOf(target.key()).isEmpty()) {
            return Resolution.NOT_CHECKED;
        }
        String key = NaturalKeys.ofReference(target, via, reference);
        return key != null && store.exists(connection, target.key(), key) ? Resolution.EXISTS : Resolution.MISSING;
    }

    /** The target's natural-key values (by leaf name) that the reference carries, for a look-up at the owner. */
    private static Map<String, String> keyValues(ResourceDefinition target, ReferenceTarget via, JsonNode reference) {
        Map<String, String> keyValues = new LinkedHashMap<>();
        for (KeyField field : target.identity()) {
            via.fieldMap().forEach((referenceField, targetPath) -> {
                if (targetPath.equals(field.path().toString()) && reference.hasNonNull(referenceField)) {
                    keyValues.put(field.name(), reference.get(referenceField).asText());
                }
            });
        }
        return keyValues;
    }

    @Override
    public Optional<String> catchUpReferrers(ResourceDefinition resource) throws SQLException {
        for (ReplicaConsumer consumer : referrers(resource)) {
            try {
                consumer.catchUp();
            } catch (IOException e) {
                // refusing is safe; allowing could orphan an item the other service has just created
                LOG.warnf(
                        "Cannot confirm that no %s item references a %s item: %s",
                        consumer.source(), resource.resourceName(), e.toString());
                return Optional.of(consumer.source());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> dependentOf(Connection connection, ResourceDefinition resource, JsonNode keyValues)
            throws SQLException {
        String uri = resource.descriptor() ? Dependents.descriptorUri(keyValues) : null;
        for (ReplicaConsumer consumer : referrers(resource)) {
            for (String replicated : consumer.resources()) {
                ResourceDefinition other = catalog.find(replicated);
                if (other == null) {
                    continue;
                }
                List<String> containments = resource.descriptor()
                        ? Dependents.usingDescriptor(other, resource, uri)
                        : Dependents.referencing(
                                other, resource, targetPath -> keyValueAt(resource, keyValues, targetPath));
                for (String containment : containments) {
                    if (store.anyContaining(connection, other.key(), containment)) {
                        return Optional.of(other.resourceName());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The consumers of resources whose items could reference an item of {@code resource}. */
    private List<ReplicaConsumer> referrers(ResourceDefinition resource) {
        return consumers.stream()
                .filter(consumer -> consumer.resources().stream()
                        .map(catalog::find)
                        .anyMatch(other ->
                                other != null && (references(other, resource) || usesDescriptor(other, resource))))
                .toList();
    }

    @Override
    public boolean refreshRelationships() {
        boolean refreshed = false;
        for (ReplicaConsumer consumer : consumers) {
            // the resources whose items relate students and organizations, declared in the contract data
            if (consumer.resources().stream()
                    .map(catalog::find)
                    .noneMatch(r -> r != null && r.has(ResourceDefinition.Rule.RELATIONSHIP))) {
                continue;
            }
            try {
                consumer.catchUp();
                refreshed = true;
            } catch (IOException | SQLException e) {
                // the decision stands on the replica as it is; the scheduled poll retries
                LOG.warnf("Cannot refresh the relationships replicated from %s: %s", consumer.source(), e.toString());
            }
        }
        return refreshed;
    }

    private static JsonNode keyValueAt(ResourceDefinition resource, JsonNode keyValues, String targetPath) {
        for (KeyField key : resource.identity()) {
            if (key.path().toString().equals(targetPath)) {
                return keyValues.get(key.name());
            }
        }
        return null;
    }

    private static boolean usesDescriptor(ResourceDefinition from, ResourceDefinition descriptor) {
        return descriptor.descriptor()
                && from.descriptors().stream().anyMatch(m -> m.descriptor().equals(descriptor.resourceName()));
    }

    private static boolean references(ResourceDefinition from, ResourceDefinition to) {
        for (ReferenceDeclaration declaration : from.references()) {
            for (ReferenceTarget via : declaration.targets()) {
                if (via.resource().equals(to.key())) {
                    return true;
                }
            }
        }
        return false;
    }

    private Optional<ReplicaConsumer> consumerOf(String resource) {
        return consumers.stream().filter(c -> c.replicates(resource)).findFirst();
    }
}
