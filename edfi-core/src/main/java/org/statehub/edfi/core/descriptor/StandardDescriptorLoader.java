package org.statehub.edfi.core.descriptor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.descriptor.StandardDescriptors;
import org.statehub.edfi.core.service.NaturalKeys;
import org.statehub.edfi.core.store.DocumentStore;
import org.statehub.edfi.core.store.DocumentStore.UpsertItem;
import org.statehub.jdbc.Sql;
import org.statehub.jdbc.Transactions;

/**
 * Stores the standard Ed-Fi descriptor values as items of their descriptor resources, once: the first start of
 * the owning service inserts them (each with a change version, so replicas receive them) and records the load;
 * later starts do nothing. Values that already exist are left as they are.
 */
public final class StandardDescriptorLoader {

    public static final String SEED = "ed-fi-descriptors-5.2";
    private static final int CHUNK = 1000;

    private StandardDescriptorLoader() {}

    /** Loads the set unless already loaded; returns the number of values inserted (0 when already loaded). */
    public static int loadOnce(DataSource dataSource, ResourceCatalog catalog, ObjectMapper mapper)
            throws SQLException {
        DocumentStore store = new DocumentStore();
        return Transactions.inTransaction(dataSource, c -> {
            // one loader at a time across instances; the others wait and then find the load recorded
            Sql.update(c, "LOCK TABLE seed_load IN EXCLUSIVE MODE");
            if (loaded(c)) {
                return 0;
            }
            List<UpsertItem> items = new ArrayList<>();
            int[] inserted = {0};
            List<SQLException> failure = new ArrayList<>();
            StandardDescriptors.forEach(entry -> {
                ResourceDefinition resource = catalog.byResourceName(entry.descriptor());
                if (resource == null) {
                    return;
                }
                ObjectNode body = body(entry, mapper);
                items.add(new UpsertItem(resource.key(), NaturalKeys.of(resource, body), body.toString(), null));
                if (items.size() == CHUNK && failure.isEmpty()) {
                    try {
                        inserted[0] += store.insertMissing(c, items);
                    } catch (SQLException e) {
                        failure.add(e);
                    }
                    items.clear();
                }
            });
            if (!failure.isEmpty()) {
                throw failure.get(0);
            }
            if (!items.isEmpty()) {
                inserted[0] += store.insertMissing(c, items);
            }
            Sql.update(
                    c,
                    "INSERT INTO seed_load (name, items, loaded_at) VALUES (?, ?, clock_timestamp())",
                    SEED,
                    inserted[0]);
            return inserted[0];
        });
    }

    /** A standard value as the item of its descriptor resource that the owning service stores and serves. */
    public static ObjectNode body(StandardDescriptors.Entry entry, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.put("codeValue", entry.codeValue());
        body.put("namespace", entry.namespace());
        body.put("shortDescription", entry.shortDescription());
        if (entry.description() != null && !entry.description().isEmpty()) {
            body.put("description", entry.description());
        }
        return body;
    }

    private static boolean loaded(Connection c) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM seed_load WHERE name = ?", SEED);
    }
}
