package org.statehub.student;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.descriptor.StandardDescriptors;
import org.statehub.edfi.core.dataspace.DataSpaces;
import org.statehub.edfi.core.replication.ReplicaStore;
import org.statehub.edfi.core.service.NaturalKeys;
import org.statehub.edfi.core.store.Ids;
import org.statehub.jdbc.Transactions;

/**
 * Test fixture: these tests run student-service without enrollment-service, so the descriptor replica is filled
 * with the standard Ed-Fi set, in the shape enrollment-service serves it, as its replication would deliver it.
 * The replication itself is tested in system-tests with both services running.
 */
@Singleton
public class StandardDescriptorReplicaSeed {

    void seed(
            @Observes StartupEvent event,
            AgroalDataSource dataSource,
            ResourceCatalog catalog,
            ObjectMapper mapper,
            DataSpaces spaces)
            throws SQLException {
        spaces.forEach(space -> seed(dataSource, catalog, mapper));
    }

    /** The standard set in the current data space's replica (every school year's, when the test has years). */
    private static void seed(AgroalDataSource dataSource, ResourceCatalog catalog, ObjectMapper mapper)
            throws SQLException {
        ReplicaStore store = new ReplicaStore();
        Transactions.inTransaction(dataSource, c -> {
            java.util.List<SQLException> failures = new java.util.ArrayList<>();
            StandardDescriptors.forEach(entry -> {
                ResourceDefinition resource = catalog.byResourceName(entry.descriptor());
                ObjectNode body = mapper.createObjectNode()
                        .put("codeValue", entry.codeValue())
                        .put("namespace", entry.namespace())
                        .put("shortDescription", entry.shortDescription());
                try {
                    store.upsert(c, resource.key(), Ids.next(), NaturalKeys.of(resource, body), body.toString(), 0);
                } catch (SQLException e) {
                    failures.add(e);
                }
            });
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            return null;
        });
    }
}
