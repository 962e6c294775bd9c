package org.statehub.student;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.statehub.edfi.contract.ResourceCatalog;
import org.statehub.edfi.contract.ResourceDefinition;
import org.statehub.edfi.contract.descriptor.StandardDescriptors;
import org.statehub.edfi.core.dataspace.StartupSeed;
import org.statehub.edfi.core.descriptor.StandardDescriptorLoader;
import org.statehub.edfi.core.replication.ReplicaStore;
import org.statehub.edfi.core.service.NaturalKeys;
import org.statehub.edfi.core.store.Ids;
import org.statehub.jdbc.Transactions;

/**
 * Test fixture: these tests run student-service without enrollment-service, so the descriptor replica is filled
 * with the standard Ed-Fi set, in the shape enrollment-service serves it ({@link StandardDescriptorLoader#body}),
 * as its replication would deliver it, in every data space (every school year's, when the test has years). The
 * replication itself is tested in system-tests with both services running.
 */
public class StandardDescriptorReplicaSeed {

    @Produces
    @Singleton
    StartupSeed standardDescriptorReplica(AgroalDataSource dataSource, ResourceCatalog catalog, ObjectMapper mapper) {
        ReplicaStore store = new ReplicaStore();
        return space -> Transactions.inTransaction(dataSource, c -> {
            List<SQLException> failures = new ArrayList<>();
            StandardDescriptors.forEach(entry -> {
                ResourceDefinition resource = catalog.byResourceName(entry.descriptor());
                ObjectNode body = StandardDescriptorLoader.body(entry, mapper);
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
