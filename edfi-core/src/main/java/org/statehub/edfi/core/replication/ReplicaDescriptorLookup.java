package org.statehub.edfi.core.replication;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.descriptor.DescriptorLookup;
import org.statehub.jdbc.Sql;

/**
 * Descriptor lookup for a service that does not own the descriptors: a value exists when the replica of its
 * descriptor resource has it. A value not (yet) in the replica is asked of the owner directly and stored, so a
 * state descriptor created a moment ago is accepted at once; when the owner cannot be reached the lookup fails
 * as unavailable (503), never as "does not exist". Values confirmed in the last 10 seconds are not looked up
 * again ({@code KnownValues}).
 */
public final class ReplicaDescriptorLookup implements DescriptorLookup {

    private final DataSource dataSource;
    private final ResourceCatalog catalog;
    private final List<ReplicaConsumer> consumers;
    private final boolean askOwner;
    private final org.statehub.edfi.core.descriptor.KnownValues known =
            new org.statehub.edfi.core.descriptor.KnownValues(10_000);

    /** {@code askOwner}: whether values missing from the replica are asked of the owner (replication on). */
    public ReplicaDescriptorLookup(
            DataSource dataSource, ResourceCatalog catalog, List<ReplicaConsumer> consumers, boolean askOwner) {
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.consumers = List.copyOf(consumers);
        this.askOwner = askOwner;
    }

    @Override
    public Set<DescriptorValue> missing(Collection<DescriptorValue> values) throws SQLException {
        Set<DescriptorValue> missing = new HashSet<>();
        Map<String, DescriptorValue> byKey = new LinkedHashMap<>();
        Map<String, ResourceDefinition> resourceOf = new LinkedHashMap<>();
        for (DescriptorLookup.Asked asked : DescriptorLookup.toAsk(catalog, values, known, missing)) {
            byKey.put(asked.known(), asked.value());
            resourceOf.put(asked.known(), asked.resource());
        }
        if (byKey.isEmpty()) {
            return missing;
        }
        Set<String> found = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> resources = new java.util.ArrayList<>();
            List<String> keys = new java.util.ArrayList<>();
            byKey.keySet().forEach(k -> {
                resources.add(k.substring(0, k.indexOf('\u0000')));
                keys.add(k.substring(k.indexOf('\u0000') + 1));
            });
            found.addAll(Sql.list(
                    c,
                    "SELECT resource, natural_key FROM replica_item"
                            + " WHERE (resource, natural_key) IN (SELECT * FROM unnest(?::text[], ?::text[]))",
                    rs -> rs.getString(1) + '\u0000' + rs.getString(2),
                    Sql.array(c, "text", resources.toArray()),
                    Sql.array(c, "text", keys.toArray())));
        }
        // the connection is back in the pool before the owner is asked for what the replica lacks
        for (var entry : byKey.entrySet()) {
            if (found.contains(entry.getKey()) || fetched(resourceOf.get(entry.getKey()), entry.getValue())) {
                known.add(entry.getKey());
            } else {
                missing.add(entry.getValue());
            }
        }
        return missing;
    }

    private boolean fetched(ResourceDefinition resource, DescriptorValue value) throws SQLException {
        if (!askOwner) {
            return false;
        }
        Optional<ReplicaConsumer> consumer =
                consumers.stream().filter(r -> r.replicates(resource.key())).findFirst();
        if (consumer.isEmpty()) {
            return false;
        }
        int hash = value.uri().indexOf('#');
        Map<String, String> keyValues = new LinkedHashMap<>();
        keyValues.put("namespace", value.uri().substring(0, hash));
        keyValues.put("codeValue", value.uri().substring(hash + 1));
        try {
            return consumer.get().fetchIntoReplica(resource, keyValues);
        } catch (IOException e) {
            throw new SQLException(
                    "Cannot check descriptor values: " + consumer.get().source() + " is not reachable (" + e + ")",
                    "08006",
                    e);
        }
    }
}
