package org.statehub.edfi.core.descriptor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import lombok.RequiredArgsConstructor;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.core.store.DocumentStore;

/**
 * Descriptor lookup for the service that owns the descriptor resources: a value exists when its descriptor
 * resource has an item with that namespace and code value. One query per descriptor type in a request, for the
 * values not confirmed in the last 10 seconds ({@link KnownValues}).
 */
@RequiredArgsConstructor
public final class DocumentDescriptorLookup implements DescriptorLookup {

    private final DataSource dataSource;
    private final ResourceCatalog catalog;
    private final DocumentStore store = new DocumentStore();
    private final KnownValues known = new KnownValues(10_000);

    @Override
    public Set<DescriptorValue> missing(Collection<DescriptorValue> values) throws SQLException {
        Set<DescriptorValue> missing = new HashSet<>();
        Map<ResourceDefinition, Map<String, List<DescriptorValue>>> byResource = new LinkedHashMap<>();
        for (Asked asked : DescriptorLookup.toAsk(catalog, values, known, missing)) {
            byResource
                    .computeIfAbsent(asked.resource(), r -> new LinkedHashMap<>())
                    .computeIfAbsent(asked.key(), k -> new ArrayList<>())
                    .add(asked.value());
        }
        if (byResource.isEmpty()) {
            return missing;
        }
        try (Connection c = dataSource.getConnection()) {
            for (var entry : byResource.entrySet()) {
                Set<String> found = store.existingKeys(
                        c, entry.getKey().key(), entry.getValue().keySet());
                entry.getValue().forEach((key, asked) -> {
                    if (found.contains(key)) {
                        known.add(entry.getKey().key() + '\u0000' + key);
                    } else {
                        missing.addAll(asked);
                    }
                });
            }
        }
        return missing;
    }
}
